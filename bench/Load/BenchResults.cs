namespace Bench.Load;

/// <summary>Everything one run measured, filled in as <see cref="BenchRun"/> goes; NaN = not measured.</summary>
public sealed class BenchResults
{
    public Dictionary<int, LoadResult> BareEcho { get; } = [];

    public Dictionary<int, LoadResult> ProductListConnectors { get; } = [];

    public Dictionary<int, LoadResult> ProductGmailGetMessage { get; } = [];

    /// <summary>One instance on PostgreSQL (no balancer): what the database alone costs against the SQLite instance.</summary>
    public Dictionary<int, LoadResult> PostgresListConnectors { get; } = [];

    public Dictionary<int, LoadResult> PostgresGmailGetMessage { get; } = [];

    /// <summary>Three instances on one PostgreSQL database behind nginx round robin (serve --http --stateless).</summary>
    public Dictionary<int, LoadResult> ScaleOutListConnectors { get; } = [];

    public Dictionary<int, LoadResult> ScaleOutGmailGetMessage { get; } = [];

    public string? ScaleOutSkipped { get; set; }

    public double BareColdStartMs { get; set; } = double.NaN;

    public double ProductColdStartMs { get; set; } = double.NaN;

    public double BareIdleRssMiB { get; set; } = double.NaN;

    public double ProductIdleRssMiB { get; set; } = double.NaN;

    public double BareRssAfterCallsMiB { get; set; } = double.NaN;

    public double ProductRssAfterCallsMiB { get; set; } = double.NaN;

    public long BareCallsForRss { get; set; }

    public long ProductCallsForRss { get; set; }

    public LoadResult? ToolsListSmallDatabase { get; set; }

    public LoadResult? ToolsListLargeDatabase { get; set; }

    public int ToolsListToolCount { get; set; }

    public double SqliteFloorRowsPerSecond { get; set; } = double.NaN;

    public double AuditRowsPerSecondOneWriter { get; set; } = double.NaN;

    public double AuditRowsPerSecondConcurrent { get; set; } = double.NaN;

    public int AuditConcurrentWriters { get; set; }

    public double ApprovalCyclesPerSecondOneWriter { get; set; } = double.NaN;

    public double ApprovalCyclesPerSecondConcurrent { get; set; } = double.NaN;

    public LoadResult? IsolationBaseline { get; set; }

    public LoadResult? IsolationUnderHang { get; set; }

    public int HungInFlight { get; set; }

    public long HungAnswered { get; set; }

    public string? HungFirstAnswer { get; set; }
}
