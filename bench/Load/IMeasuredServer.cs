namespace Bench.Load;

/// <summary>What a load window reads from the server(s) it drives: CPU time, resident memory, and the calls sent so far.</summary>
public interface IMeasuredServer
{
    string Name { get; }

    TimeSpan CpuTime { get; }

    double RssMiB { get; }

    long Calls { get; set; }
}
