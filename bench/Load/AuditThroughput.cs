using System.Diagnostics;
using Connectors.Mcp.Composition;
using Connectors.Mcp.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Bench.Load;

/// <summary>
/// Audit rows per second written through the product's <see cref="IAuditLog"/> (one completed row per call, as a
/// read-only tool call leaves), with 1 and with N concurrent writers, against the floor SQLite itself sets on the same
/// disk in the same run: a one-row BEGIN IMMEDIATE transaction, WAL, synchronous = FULL, committed one after another.
/// </summary>
public static class AuditThroughput
{
    public static async Task<double> ProductRowsPerSecondAsync(string directory, int writers, TimeSpan duration)
    {
        System.IO.Directory.CreateDirectory(directory);
        await using var services = await AppServices.BuildAsync(AppHome.Resolve(directory, sandbox: false), CancellationToken.None);
        var workspaces = services.GetRequiredService<IWorkspaceStore>();
        var workspace = await workspaces.FindBySlugAsync("audit", CancellationToken.None)
            ?? await workspaces.CreateAsync("audit", WorkspacePlan.Enterprise, CancellationToken.None);
        var audit = services.GetRequiredService<IAuditLog>();
        var time = TimeProvider.System;
        var rows = 0L;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < duration)
            {
                var now = time.GetUtcNow();
                await audit.RecordAsync(
                    new AuditIntent(workspace.Id, null, "list_connectors", null, "{}", null, null, "bench", now),
                    new AuditCompletion(AuditStatus.Succeeded, time.GetUtcNow()),
                    CancellationToken.None);
                Interlocked.Increment(ref rows);
            }
        })));
        return rows / clock.Elapsed.TotalSeconds;
    }

    public static async Task<double> SqliteFloorRowsPerSecondAsync(string file, TimeSpan duration)
    {
        await using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        await connection.OpenAsync();
        using (var setup = connection.CreateCommand())
        {
            setup.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; CREATE TABLE IF NOT EXISTS rows (id INTEGER PRIMARY KEY, at TEXT NOT NULL, body TEXT NOT NULL);";
            await setup.ExecuteNonQueryAsync();
        }

        using var begin = connection.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE;";
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO rows (at, body) VALUES ($at, '{}');";
        var at = insert.Parameters.Add("$at", SqliteType.Text);
        using var commit = connection.CreateCommand();
        commit.CommandText = "COMMIT;";
        var rows = 0L;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            await begin.ExecuteNonQueryAsync();
            at.Value = DateTimeOffset.UtcNow.ToString("O");
            await insert.ExecuteNonQueryAsync();
            await commit.ExecuteNonQueryAsync();
            rows++;
        }

        return rows / clock.Elapsed.TotalSeconds;
    }
}
