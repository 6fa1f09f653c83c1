namespace Bench.Load;

/// <summary>What bench/run.sh passes in (environment variables), with the defaults of a full run and of QUICK=1.</summary>
public sealed record BenchSettings(
    string ProductDll,
    string BareDll,
    string WorkDirectory,
    string OutputFile,
    TimeSpan WarmUp,
    TimeSpan Measure,
    IReadOnlyList<int> SessionCounts,
    int ColdStartRuns,
    int RssCalls,
    int ManyWorkspaces,
    int HungCalls,
    string? PidFile,
    bool Quick,
    string RepositoryRoot,
    string? Postgres,
    string? Nginx)
{
    public static BenchSettings FromEnvironment()
    {
        var quick = Environment.GetEnvironmentVariable("QUICK") == "1";
        return new BenchSettings(
            Required("PRODUCT_DLL"),
            Required("BARE_DLL"),
            Required("WORK"),
            Required("OUT"),
            TimeSpan.FromSeconds(Number("WARMUP", quick ? 3 : 20)),
            TimeSpan.FromSeconds(Number("MEASURE", quick ? 2 : 10)),
            (Environment.GetEnvironmentVariable("SESSIONS") ?? "16 64").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList(),
            (int)Number("COLD_RUNS", quick ? 3 : 7),
            (int)Number("RSS_CALLS", quick ? 5_000 : 100_000),
            (int)Number("MANY_WORKSPACES", 10_000),
            (int)Number("HUNG_CALLS", 500),
            Environment.GetEnvironmentVariable("BENCH_PIDFILE"),
            quick,
            Required("ROOT"),
            // The scale-out rows (one and three instances on PostgreSQL, three behind nginx) run only with both.
            Environment.GetEnvironmentVariable("BENCH_POSTGRES") is { Length: > 0 } postgres ? postgres : null,
            Environment.GetEnvironmentVariable("BENCH_NGINX") is { Length: > 0 } nginx ? nginx : File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : null);
    }

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : throw new InvalidOperationException($"{name} is not set (run bench/run.sh)");

    private static double Number(string name, double fallback) =>
        double.TryParse(Environment.GetEnvironmentVariable(name), System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
