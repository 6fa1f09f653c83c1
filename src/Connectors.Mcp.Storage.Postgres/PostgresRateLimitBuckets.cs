using Connectors.Mcp.Core.Pipeline.RateLimiting;
using Npgsql;

namespace Connectors.Mcp.Storage.Postgres;

/// <summary>
/// <see cref="IRateLimitBuckets"/> in the table <c>rate_limit_buckets</c>, so a workspace limited to N calls a minute gets
/// at most N in total whichever instances its calls reach. Each take is ONE statement, <c>INSERT … ON CONFLICT DO UPDATE
/// … RETURNING</c>: the conflicting row is locked, the refill since <c>refilled_at</c> and the take are computed from
/// the locked values, so concurrent takes on any instance are serialised by the row lock and none is lost or doubled.
/// The clock is the database's (<c>now()</c>, the statement's start), one clock for every instance; a take that waited
/// for the lock refills from the later of the two instants and never runs the bucket backwards, so contention can only
/// admit fewer, never more. Beyond the burst of N, tokens come back at N a minute: over a window of T seconds at most
/// N + N·T/60 calls are admitted, as on one node.
/// </summary>
public sealed class PostgresRateLimitBuckets(PostgresDatabase database) : IRateLimitBuckets
{
    // Every this many takes, this instance deletes rows idle for over a minute (full buckets, the same as no row).
    private const int CleanupEvery = 4096;

    private const string Take = """
        INSERT INTO rate_limit_buckets AS b (bucket, tokens, refilled_at, taken)
        VALUES (@bucket, @capacity - 1, now(), true)
        ON CONFLICT (bucket) DO UPDATE SET
            tokens = CASE
                WHEN LEAST(@capacity, b.tokens + GREATEST(0, EXTRACT(EPOCH FROM (now() - b.refilled_at))::double precision) * @per_second) >= 1
                THEN LEAST(@capacity, b.tokens + GREATEST(0, EXTRACT(EPOCH FROM (now() - b.refilled_at))::double precision) * @per_second) - 1
                ELSE LEAST(@capacity, b.tokens + GREATEST(0, EXTRACT(EPOCH FROM (now() - b.refilled_at))::double precision) * @per_second)
            END,
            taken = LEAST(@capacity, b.tokens + GREATEST(0, EXTRACT(EPOCH FROM (now() - b.refilled_at))::double precision) * @per_second) >= 1,
            refilled_at = GREATEST(b.refilled_at, now())
        RETURNING taken, tokens
        """;

    private int _takes;

    public async ValueTask<TimeSpan?> TryTakeAsync(string key, int perMinute, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentOutOfRangeException.ThrowIfLessThan(perMinute, 1);
        var perSecond = perMinute / 60.0;
        await using var command = database.DataSource.CreateCommand(Take);
        command.Parameters.AddWithValue("bucket", key);
        command.Parameters.AddWithValue("capacity", (double)perMinute);
        command.Parameters.AddWithValue("per_second", perSecond);
        bool taken;
        double tokens;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            taken = reader.GetBoolean(0);
            tokens = reader.GetDouble(1);
        }

        if (Interlocked.Increment(ref _takes) % CleanupEvery == 0)
        {
            await DeleteIdleAsync(cancellationToken);
        }

        return taken ? null : TimeSpan.FromSeconds(Math.Max(0.001, (1 - tokens) / perSecond));
    }

    /// <summary>Deletes buckets idle for over a minute: refilled to their burst, they are the same as no row.</summary>
    internal async Task<int> DeleteIdleAsync(CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("DELETE FROM rate_limit_buckets WHERE refilled_at < now() - interval '61 seconds'");
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
