namespace Bench.Load;

/// <summary>Several instances measured as one server: CPU time and RSS summed over the instances (not the database's or the balancer's).</summary>
public sealed class ServerGroup(string name, IReadOnlyList<ServerProcess> instances) : IMeasuredServer
{
    public string Name { get; } = name;

    public TimeSpan CpuTime => instances.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.CpuTime);

    public double RssMiB => instances.Sum(s => s.RssMiB);

    public long Calls { get; set; }
}
