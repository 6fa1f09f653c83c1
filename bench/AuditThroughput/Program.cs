// Audit write throughput: how many hash-chained audit rows per second SqliteAuditLog commits with C concurrent callers
// in one workspace (every row extends one chain), each row written either by one RecordAsync (a refusal's row) or by
// BeginAsync + CompleteAsync (a connector call's two writes); next to the floor measured in the same run: one synced
// (WAL, synchronous = FULL) one-row transaction at a time on a bare connection. Each level runs on a fresh database
// file in a temp folder, after a warm-up. "Process CPU per row" is this process's user + system time over the measured
// seconds divided by the rows (it includes the callers' own loop). Not a test: the numbers depend on the machine.
//
//   dotnet run -c Release --project bench/AuditThroughput -- [--seconds 5] [--warmup 2] [--concurrency 1,16,64]
using System.Diagnostics;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Storage.Sqlite;
using Microsoft.Data.Sqlite;

var seconds = 5.0;
var warmup = 2.0;
int[] levels = [1, 16, 64];
for (var i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--seconds": seconds = double.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
        case "--warmup": warmup = double.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
        case "--concurrency": levels = [.. args[i + 1].Split(',').Select(int.Parse)]; break;
        default: throw new ArgumentException($"Unknown option {args[i]}; use --seconds, --warmup, --concurrency.");
    }
}

var root = Path.Combine(Path.GetTempPath(), "connectors-mcp-audit-bench", Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(root);
try
{
    Console.WriteLine($"{Environment.ProcessorCount} cores, {RuntimeInformationText()}, {seconds} s per level after {warmup} s warm-up, temp folder {root}");
    var floor = SyncedTransactionFloor(Path.Combine(root, "floor.db"), TimeSpan.FromSeconds(warmup), TimeSpan.FromSeconds(seconds));
    Console.WriteLine($"floor: one synced one-row transaction at a time: {floor:N0} commits/s ({1_000_000 / floor:N0} µs each)");
    Console.WriteLine();
    Console.WriteLine("| writes per row | concurrent callers | audit rows/s | ratio to the floor | process CPU per row | p50 latency | p99 latency | max latency | chain |");
    Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
    foreach (var (pair, callers) in new[] { false, true }.SelectMany(pair => levels.Select(callers => (pair, callers))))
    {
        var result = await AuditRowsAsync(
            Path.Combine(root, $"audit-{callers}-{pair}.db"), callers, pair, TimeSpan.FromSeconds(warmup), TimeSpan.FromSeconds(seconds));
        Console.WriteLine(
            $"| {(pair ? "2: BeginAsync + CompleteAsync" : "1: RecordAsync")} | {callers} | {result.RowsPerSecond:N0} | {result.RowsPerSecond / floor:N2}× | {result.CpuMicrosecondsPerRow:N0} µs | {result.P50Ms:N2} ms | {result.P99Ms:N2} ms | {result.MaxMs:N1} ms | {(result.Intact ? "intact" : "BROKEN")}, {result.Rows:N0} rows |");
    }
}
finally
{
    Directory.Delete(root, recursive: true);
}

static string RuntimeInformationText() =>
    $"{System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}";

// BEGIN IMMEDIATE; INSERT one row; COMMIT — with the pragmas SqliteDatabase sets, one after the other, on one connection.
static double SyncedTransactionFloor(string path, TimeSpan warmup, TimeSpan duration)
{
    using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
    connection.Open();
    using (var setup = connection.CreateCommand())
    {
        setup.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL) STRICT;";
        setup.ExecuteNonQuery();
    }

    using var insert = connection.CreateCommand();
    insert.CommandText = "INSERT INTO t (body) VALUES ($body);";
    insert.Parameters.AddWithValue("$body", new string('x', 200));
    long Run(TimeSpan length)
    {
        var count = 0L;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < length)
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            insert.Transaction = transaction;
            insert.ExecuteNonQuery();
            transaction.Commit();
            count++;
        }

        return count;
    }

    Run(warmup);
    var watch = Stopwatch.StartNew();
    var commits = Run(duration);
    return commits / watch.Elapsed.TotalSeconds;
}

static async Task<(double RowsPerSecond, double CpuMicrosecondsPerRow, double P50Ms, double P99Ms, double MaxMs, bool Intact, long Rows)> AuditRowsAsync(
    string path, int callers, bool pair, TimeSpan warmup, TimeSpan duration)
{
    using var database = new SqliteDatabase(path, TimeProvider.System);
    await database.MigrateAsync(CancellationToken.None);
    var workspace = await new SqliteWorkspaceStore(database, TimeProvider.System).CreateAsync("bench", WorkspacePlan.Free, CancellationToken.None);
    var log = new SqliteAuditLog(database);
    var intent = new AuditIntent(workspace.Id, null, "list_connectors", null, "{}", null, null, "bench", DateTimeOffset.UtcNow);
    var completion = new AuditCompletion(AuditStatus.Succeeded, DateTimeOffset.UtcNow);

    var measuring = false;
    var stop = false;
    var latencies = new List<double>[callers];
    var workers = Enumerable.Range(0, callers).Select(i => Task.Run(async () =>
    {
        var mine = latencies[i] = new List<double>(100_000);
        while (!Volatile.Read(ref stop))
        {
            var started = Stopwatch.GetTimestamp();
            if (pair)
            {
                // A connector call: the intent row committed before the provider is called, then its completion.
                var rowId = await log.BeginAsync(intent, CancellationToken.None);
                await log.CompleteAsync(rowId, completion, CancellationToken.None);
            }
            else
            {
                await log.RecordAsync(intent, completion, CancellationToken.None);
            }

            if (Volatile.Read(ref measuring))
            {
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }
    })).ToArray();

    await Task.Delay(warmup);
    var process = Process.GetCurrentProcess();
    var cpuBefore = process.TotalProcessorTime;
    Volatile.Write(ref measuring, true);
    var watch = Stopwatch.StartNew();
    await Task.Delay(duration);
    Volatile.Write(ref measuring, false);
    var elapsed = watch.Elapsed;
    process.Refresh();
    var cpu = process.TotalProcessorTime - cpuBefore;
    Volatile.Write(ref stop, true);
    await Task.WhenAll(workers);

    var all = latencies.SelectMany(l => l).Order().ToArray();
    var verification = await log.VerifyAsync(workspace.Id, CancellationToken.None);
    return (all.Length / elapsed.TotalSeconds, cpu.TotalMicroseconds / all.Length, all[all.Length / 2], all[(int)(all.Length * 0.99)], all[^1], verification.Intact, verification.RowsChecked);
}
