using System.Runtime.InteropServices;
using System.Text;

namespace Bench.Load;

/// <summary>The markdown table: product vs bare with ratios, each issue-11 target with whether this run met it.</summary>
public static class ReportWriter
{
    public static string Write(BenchResults r, BenchSettings settings)
    {
        var md = new StringBuilder();
        md.AppendLine($"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.GetEnvironmentVariable("COMMIT") ?? "commit unknown"}, {Machine()}.");
        md.AppendLine($"Load average (1/5/15 min) at the start: {Environment.GetEnvironmentVariable("LOADAVG_START") ?? "unknown"}; at the end: {LoadAverage()} (other work on the machine makes the figures noisier).");
        md.AppendLine($"Warm-up {settings.WarmUp.TotalSeconds:0} s then {settings.Measure.TotalSeconds:0} s measured per window{(settings.Quick ? " (QUICK=1: a smoke run, not figures to quote)" : "")}; Release; Server GC in both servers.");
        md.AppendLine();
        md.AppendLine("Streamable HTTP, raw JSON-RPC on keep-alive connections, one worker per session; server CPU = user+sys from /proc over the window ÷ calls.");
        md.AppendLine();
        md.AppendLine("| sessions | figure | bare `echo` | product `list_connectors` | ratio | product `gmail_get_message` (fake Gmail) | ratio | target (list_connectors) | met |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var sessions in settings.SessionCounts)
        {
            if (!r.BareEcho.TryGetValue(sessions, out var bare) || !r.ProductListConnectors.TryGetValue(sessions, out var list) || !r.ProductGmailGetMessage.TryGetValue(sessions, out var read))
            {
                continue;
            }

            var at16 = sessions == 16;
            Row(md, sessions, "calls/s", bare.CallsPerSecond, list.CallsPerSecond, read.CallsPerSecond, 0, at16 ? "≥ 0.6× bare" : "", at16 ? Figure.Met(list.CallsPerSecond >= 0.6 * bare.CallsPerSecond) : "");
            Row(md, sessions, "server CPU per call (µs)", bare.CpuMicrosecondsPerCall, list.CpuMicrosecondsPerCall, read.CpuMicrosecondsPerCall, 0, "≤ 1.5× bare", Figure.Met(list.CpuMicrosecondsPerCall <= 1.5 * bare.CpuMicrosecondsPerCall));
            Row(md, sessions, "p50 latency (ms)", bare.P50Ms, list.P50Ms, read.P50Ms, 2, "", "");
            Row(md, sessions, "p99 latency (ms)", bare.P99Ms, list.P99Ms, read.P99Ms, 2, at16 ? "≤ 2× bare" : "", at16 ? Figure.Met(list.P99Ms <= 2 * bare.P99Ms) : "");
            Row(md, sessions, "server CPU used (cores)", bare.CpuCores, list.CpuCores, read.CpuCores, 2, "", "");
            md.AppendLine($"| {sessions} | failed calls | {bare.Failures:N0} of {bare.Calls:N0} | {list.Failures:N0} of {list.Calls:N0} | | {read.Failures:N0} of {read.Calls:N0} | | 0 | {Figure.Met(bare.Failures + list.Failures + read.Failures == 0)} |");
        }

        md.AppendLine();
        md.AppendLine("| figure | bare | product | ratio | target | met |");
        md.AppendLine("|---|---|---|---|---|---|");
        md.AppendLine($"| stdio spawn → initialize → tools/list, median of {settings.ColdStartRuns} (ms) | {Figure.Of(r.BareColdStartMs)} | {Figure.Of(r.ProductColdStartMs)} | {Figure.Ratio(r.ProductColdStartMs, r.BareColdStartMs)} | ≤ 1.0× bare | {Figure.Met(r.ProductColdStartMs <= r.BareColdStartMs)} |");
        md.AppendLine($"| HTTP server idle RSS, 3 s after start (MiB) | {Figure.Of(r.BareIdleRssMiB)} | {Figure.Of(r.ProductIdleRssMiB)} | {Figure.Ratio(r.ProductIdleRssMiB, r.BareIdleRssMiB)} | ≤ 80 MiB | {Figure.Met(r.ProductIdleRssMiB <= 80)} |");
        var bareWarm = r.BareEcho.Values.FirstOrDefault()?.RssMiB ?? double.NaN;
        var productWarm = r.ProductListConnectors.Values.FirstOrDefault()?.RssMiB ?? double.NaN;
        md.AppendLine($"| RSS at the end of the first measured window (MiB) | {Figure.Of(bareWarm)} | {Figure.Of(productWarm)} | {Figure.Ratio(productWarm, bareWarm)} | | |");
        md.AppendLine($"| RSS after {Figure.Of(r.BareCallsForRss)} / {Figure.Of(r.ProductCallsForRss)} calls in all (MiB) | {Figure.Of(r.BareRssAfterCallsMiB)} | {Figure.Of(r.ProductRssAfterCallsMiB)} | {Figure.Ratio(r.ProductRssAfterCallsMiB, r.BareRssAfterCallsMiB)} | no growth (≤ 80 MiB) | {Figure.Met(r.ProductRssAfterCallsMiB <= 80)}: +{Figure.Of(r.ProductRssAfterCallsMiB - r.ProductIdleRssMiB)} MiB since idle, {(r.ProductRssAfterCallsMiB >= productWarm ? "+" : "")}{Figure.Of(r.ProductRssAfterCallsMiB - productWarm)} since the first window |");
        md.AppendLine();

        var small = r.ToolsListSmallDatabase;
        var large = r.ToolsListLargeDatabase;
        md.AppendLine("| product figure | value | against | ratio | target | met |");
        md.AppendLine("|---|---|---|---|---|---|");
        if (small is not null && large is not null)
        {
            md.AppendLine($"| tools/list, workspace of 50 connectors ({r.ToolsListToolCount:N0} tools), database of 10 workspaces: p50 / p99 (ms) | {Figure.Of(small.P50Ms, 2)} / {Figure.Of(small.P99Ms, 2)} | | | p50 ≤ 5 ms | {Figure.Met(small.P50Ms <= 5)} |");
            md.AppendLine($"| tools/list, the same in a database of {settings.ManyWorkspaces:N0} workspaces: p50 / p99 (ms) | {Figure.Of(large.P50Ms, 2)} / {Figure.Of(large.P99Ms, 2)} | p50 at 10 workspaces | {Figure.Ratio(large.P50Ms, small.P50Ms)} | p50 ≤ 5 ms, flat (≤ 1.5×) | {Figure.Met(large.P50Ms <= 5 && large.P50Ms <= 1.5 * small.P50Ms)} |");
        }

        md.AppendLine($"| SQLite floor: one-row BEGIN IMMEDIATE transactions, WAL, synchronous = FULL, one after another (rows/s) | {Figure.Of(r.SqliteFloorRowsPerSecond)} | | | | |");
        md.AppendLine($"| audit rows/s through the product's audit log, 1 writer | {Figure.Of(r.AuditRowsPerSecondOneWriter)} | the floor | {Figure.Ratio(r.AuditRowsPerSecondOneWriter, r.SqliteFloorRowsPerSecond)} | | |");
        md.AppendLine($"| audit rows/s through the product's audit log, {r.AuditConcurrentWriters} concurrent writers | {Figure.Of(r.AuditRowsPerSecondConcurrent)} | the floor | {Figure.Ratio(r.AuditRowsPerSecondConcurrent, r.SqliteFloorRowsPerSecond)} | grows with concurrency (group commit) | {Figure.Met(r.AuditRowsPerSecondConcurrent > 1.5 * r.AuditRowsPerSecondOneWriter)} |");
        md.AppendLine($"| approvals created, approved, claimed and completed per second (4 commits each), 1 writer | {Figure.Of(r.ApprovalCyclesPerSecondOneWriter)} | the floor ÷ 4 | {Figure.Ratio(4 * r.ApprovalCyclesPerSecondOneWriter, r.SqliteFloorRowsPerSecond)} | | |");
        md.AppendLine($"| the same, {r.AuditConcurrentWriters} concurrent writers | {Figure.Of(r.ApprovalCyclesPerSecondConcurrent)} | the floor ÷ 4 | {Figure.Ratio(4 * r.ApprovalCyclesPerSecondConcurrent, r.SqliteFloorRowsPerSecond)} | | |");
        if (r.IsolationBaseline is { } baseline && r.IsolationUnderHang is { } hung)
        {
            md.AppendLine($"| isolation: workspace A `gmail_get_message` p99 at 16 sessions, alone (ms) | {Figure.Of(baseline.P99Ms, 2)} | | | | |");
            md.AppendLine($"| isolation: the same while workspace B keeps {settings.HungCalls:N0} sessions calling an upstream that never answers ({r.HungInFlight:N0} calls in flight mid-window) (ms) | {Figure.Of(hung.P99Ms, 2)} | its baseline | {Figure.Ratio(hung.P99Ms, baseline.P99Ms)} | ≤ 2× baseline | {Figure.Met(hung.P99Ms <= 2 * baseline.P99Ms)} |");
            md.AppendLine($"| isolation: workspace A calls/s alone → with B hung; failed calls | {Figure.Of(baseline.CallsPerSecond)} → {Figure.Of(hung.CallsPerSecond)}; {baseline.Failures + hung.Failures:N0} failed | | {Figure.Ratio(hung.CallsPerSecond, baseline.CallsPerSecond)} | | |");
            md.AppendLine($"| isolation: workspace B: answers received (each followed by a 1 s pause, as the refusal asks); first answer | {r.HungAnswered:N0}; {Escape(r.HungFirstAnswer ?? "none (all still hanging)")} | | | | |");
        }

        ScaleOut(md, r, settings);

        var failures = r.BareEcho.Values.Concat(r.ProductListConnectors.Values).Concat(r.ProductGmailGetMessage.Values)
            .Concat(r.PostgresListConnectors.Values).Concat(r.PostgresGmailGetMessage.Values)
            .Concat(r.ScaleOutListConnectors.Values).Concat(r.ScaleOutGmailGetMessage.Values)
            .Select(x => x.FirstFailure).FirstOrDefault(f => f is not null);
        if (failures is not null)
        {
            md.AppendLine();
            md.AppendLine($"First failed answer: `{Escape(failures)}`");
        }

        return md.ToString();
    }

    /// <summary>One SQLite instance, one PostgreSQL instance and three PostgreSQL instances behind nginx, side by side, with the bare server.</summary>
    private static void ScaleOut(StringBuilder md, BenchResults r, BenchSettings settings)
    {
        md.AppendLine();
        if (r.ScaleOutSkipped is { } skipped)
        {
            md.AppendLine($"Scale-out rows not measured: {skipped}.");
            return;
        }

        md.AppendLine("Scale-out (issue 15): the same calls on one PostgreSQL database — one instance alone, then three `serve --http --stateless` instances behind nginx round robin (.ci/multi-instance/nginx.conf.template). All on this one machine: the instances, PostgreSQL, nginx and the load driver share its cores, so three instances here measure the cost of the shared database and the extra hop, not the capacity of three machines. Server CPU is the instances' only. Ratios against the one SQLite instance above.");
        md.AppendLine();
        md.AppendLine("| sessions | call | figure | bare `echo` | 1 instance, SQLite | 1 instance, PostgreSQL | ratio | 3 instances, PostgreSQL, nginx | ratio |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var sessions in settings.SessionCounts)
        {
            foreach (var (call, sqlite, postgres, three) in new[]
            {
                ("`list_connectors`", r.ProductListConnectors, r.PostgresListConnectors, r.ScaleOutListConnectors),
                ("`gmail_get_message`", r.ProductGmailGetMessage, r.PostgresGmailGetMessage, r.ScaleOutGmailGetMessage),
            })
            {
                if (!sqlite.TryGetValue(sessions, out var one) || !postgres.TryGetValue(sessions, out var pg) || !three.TryGetValue(sessions, out var scaled))
                {
                    continue;
                }

                var bare = r.BareEcho.TryGetValue(sessions, out var b) ? b : null;
                ScaleRow(md, sessions, call, "calls/s", bare?.CallsPerSecond ?? double.NaN, one.CallsPerSecond, pg.CallsPerSecond, scaled.CallsPerSecond, 0);
                ScaleRow(md, sessions, call, "p50 latency (ms)", bare?.P50Ms ?? double.NaN, one.P50Ms, pg.P50Ms, scaled.P50Ms, 2);
                ScaleRow(md, sessions, call, "p99 latency (ms)", bare?.P99Ms ?? double.NaN, one.P99Ms, pg.P99Ms, scaled.P99Ms, 2);
                ScaleRow(md, sessions, call, "server CPU per call (µs)", bare?.CpuMicrosecondsPerCall ?? double.NaN, one.CpuMicrosecondsPerCall, pg.CpuMicrosecondsPerCall, scaled.CpuMicrosecondsPerCall, 0);
                md.AppendLine($"| {sessions} | {call} | failed calls | | {one.Failures:N0} of {one.Calls:N0} | {pg.Failures:N0} of {pg.Calls:N0} | | {scaled.Failures:N0} of {scaled.Calls:N0} | |");
            }
        }
    }

    private static void ScaleRow(StringBuilder md, int sessions, string call, string figure, double bare, double sqlite, double postgres, double three, int decimals) =>
        md.AppendLine($"| {sessions} | {call} | {figure} | {Figure.Of(bare, decimals)} | {Figure.Of(sqlite, decimals)} | {Figure.Of(postgres, decimals)} | {Figure.Ratio(postgres, sqlite)} | {Figure.Of(three, decimals)} | {Figure.Ratio(three, sqlite)} |");

    private static void Row(StringBuilder md, int sessions, string figure, double bare, double list, double read, int decimals, string target, string met) =>
        md.AppendLine($"| {sessions} | {figure} | {Figure.Of(bare, decimals)} | {Figure.Of(list, decimals)} | {Figure.Ratio(list, bare)} | {Figure.Of(read, decimals)} | {Figure.Ratio(read, bare)} | {target} | {met} |");

    private static string Escape(string text) => text.Replace("|", "\\|").Replace("\n", " ").Replace("`", "'");

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string Machine()
    {
        var model = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memory = File.Exists("/proc/meminfo")
            ? File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]
            : "0";
        return $"{Environment.ProcessorCount} cores ({model ?? "unknown CPU"}), {long.Parse(memory) / 1048576.0:0} GB RAM, {RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }
}
