namespace Connectors.Mcp.Core.Pipeline.RateLimiting;

/// <summary>
/// Token buckets shared by everything that serves a workspace: one bucket per key whose burst is <c>perMinute</c> tokens
/// and which refills evenly at <c>perMinute</c> tokens a minute. One process on SQLite keeps them in memory
/// (<see cref="InProcessRateLimitBuckets"/>); instances on one PostgreSQL database share them in a table, so a workspace's
/// limit holds whichever instance its calls reach.
/// </summary>
public interface IRateLimitBuckets
{
    /// <summary>Takes one token from <paramref name="key"/>'s bucket. Returns <c>null</c> when a token was taken, else how long until one is due.</summary>
    ValueTask<TimeSpan?> TryTakeAsync(string key, int perMinute, CancellationToken cancellationToken);
}
