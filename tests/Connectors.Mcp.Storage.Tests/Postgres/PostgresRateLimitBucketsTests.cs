using System.Diagnostics;
using Connectors.Mcp.Core.Pipeline;
using Connectors.Mcp.Core.Pipeline.RateLimiting;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Storage.Postgres;
using Connectors.Mcp.TestSupport.Postgres;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Mcp.Storage.Tests.Postgres;

/// <summary>The shared token buckets: a limit holds in total across instances on one database.</summary>
public sealed class PostgresRateLimitBucketsTests
{
    [SkippableFact]
    public async Task ConcurrentTakesFromThreeInstances_AdmitTheBurstOnce_PlusOnlyWhatRefilledMeanwhile()
    {
        await using var instances = await Instances.StartAsync(3);
        const int perMinute = 30;
        var clock = Stopwatch.StartNew();

        var results = await Task.WhenAll(Enumerable.Range(0, 300).Select(i =>
            instances.Buckets[i % 3].TryTakeAsync("workspace:ws_shared:30", perMinute, CancellationToken.None).AsTask()));
        var elapsed = clock.Elapsed;

        // Tokens come back at 30 a minute (0.5 a second) while the takes run: that, and nothing else, may exceed the burst.
        var admitted = results.Count(r => r is null);
        var refilled = (int)Math.Floor(elapsed.TotalSeconds * perMinute / 60.0);
        Assert.InRange(admitted, perMinute, perMinute + refilled + 1);
        Assert.All(results.Where(r => r is not null), wait => Assert.InRange(wait!.Value, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(60.0 / perMinute)));
    }

    [SkippableFact]
    public async Task WorkspaceLimit_HoldsInTotal_AcrossTwoInstancesPipelines()
    {
        await using var instances = await Instances.StartAsync(2);
        var options = Options.Create(new ToolPipelineOptions());
        var limiters = instances.Buckets.Select(b => new WorkspaceRateLimiter(options, b)).ToArray();
        var workspace = new Workspace("ws_two", "two", WorkspacePlan.Free, DateTimeOffset.UnixEpoch) { RateLimitOverrides = new RateLimitOverrides(5, null) };

        var decisions = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            limiters[i % 2].TryAcquireWorkspaceAsync(workspace, CancellationToken.None).AsTask()));

        // 5 a minute refill one token every 12 s: far longer than 40 takes on loopback.
        Assert.Equal(5, decisions.Count(d => d.Allowed));
        Assert.All(decisions.Where(d => !d.Allowed), d => Assert.Equal(RateLimitScope.Workspace, d.RefusedBy));
    }

    [SkippableFact]
    public async Task Buckets_AreIndependent_AndAChangedLimitStartsAFreshOne()
    {
        await using var instances = await Instances.StartAsync(1);
        var buckets = instances.Buckets[0];
        Assert.Null(await buckets.TryTakeAsync("workspace:ws_a:1", 1, CancellationToken.None));
        Assert.NotNull(await buckets.TryTakeAsync("workspace:ws_a:1", 1, CancellationToken.None));

        Assert.Null(await buckets.TryTakeAsync("workspace:ws_b:1", 1, CancellationToken.None));
        Assert.Null(await buckets.TryTakeAsync("workspace:ws_a:3", 3, CancellationToken.None));
    }

    [SkippableFact]
    public async Task ABucketIdleForAMinute_IsFullAgain_AndItsRowMayBeDeleted()
    {
        await using var instances = await Instances.StartAsync(1);
        var buckets = instances.Buckets[0];
        Assert.Null(await buckets.TryTakeAsync("connector:con_a:1", 1, CancellationToken.None));
        var refused = await buckets.TryTakeAsync("connector:con_a:1", 1, CancellationToken.None);
        Assert.NotNull(refused);
        Assert.InRange(refused.Value, TimeSpan.FromSeconds(55), TimeSpan.FromSeconds(60));

        await instances.ExecuteAsync("UPDATE rate_limit_buckets SET refilled_at = refilled_at - interval '2 minutes'");

        Assert.Null(await buckets.TryTakeAsync("connector:con_a:1", 1, CancellationToken.None));
        await instances.ExecuteAsync("UPDATE rate_limit_buckets SET refilled_at = refilled_at - interval '2 minutes'");
        Assert.Equal(1, await ((PostgresRateLimitBuckets)buckets).DeleteIdleAsync(CancellationToken.None));
        Assert.Null(await buckets.TryTakeAsync("connector:con_a:1", 1, CancellationToken.None));
    }

    /// <summary>N instances (each its own data source, as separate processes have) on one migrated schema.</summary>
    private sealed class Instances : IAsyncDisposable
    {
        private readonly PostgresTestSchema _schema;
        private readonly PostgresDatabase[] _databases;

        private Instances(PostgresTestSchema schema, PostgresDatabase[] databases)
        {
            _schema = schema;
            _databases = databases;
            Buckets = databases.Select(d => (IRateLimitBuckets)new PostgresRateLimitBuckets(d)).ToArray();
        }

        public IRateLimitBuckets[] Buckets { get; }

        public static async Task<Instances> StartAsync(int count)
        {
            var schema = await PostgresTestServer.CreateSchemaAsync("rl");
            // Ten connections per instance: the takes queue for them, as a busy instance's calls do.
            var pooled = schema.ConnectionString + ";Maximum Pool Size=10";
            var databases = Enumerable.Range(0, count).Select(_ => new PostgresDatabase(pooled, new FakeTimeProvider())).ToArray();
            await databases[0].MigrateAsync(CancellationToken.None);
            return new Instances(schema, databases);
        }

        public async Task ExecuteAsync(string sql)
        {
            await using var command = _databases[0].DataSource.CreateCommand(sql);
            await command.ExecuteNonQueryAsync();
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var database in _databases)
            {
                await database.DisposeAsync();
            }

            await _schema.DisposeAsync();
        }
    }
}
