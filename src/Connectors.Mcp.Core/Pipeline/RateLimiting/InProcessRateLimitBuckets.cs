using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace Connectors.Mcp.Core.Pipeline.RateLimiting;

/// <summary>
/// <see cref="IRateLimitBuckets"/> in this process's memory (System.Threading.RateLimiting token buckets): right for one
/// server on SQLite, where every call of a workspace reaches the same process. A bucket is keyed by its key and its
/// figure, so a changed limit starts a fresh bucket at once.
/// </summary>
public sealed class InProcessRateLimitBuckets : IRateLimitBuckets, IDisposable
{
    private readonly ConcurrentDictionary<(string Key, int Limit), RateLimiter> _limiters = new();

    public ValueTask<TimeSpan?> TryTakeAsync(string key, int perMinute, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perMinute, 1);
        var limiter = _limiters.GetOrAdd((key, perMinute), static k => Create(k.Limit));
        using var lease = limiter.AttemptAcquire();
        if (lease.IsAcquired)
        {
            return ValueTask.FromResult<TimeSpan?>(null);
        }

        return ValueTask.FromResult<TimeSpan?>(
            lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(60.0 / perMinute));
    }

    public void Dispose()
    {
        foreach (var limiter in _limiters.Values)
        {
            limiter.Dispose();
        }
    }

    private static RateLimiter Create(int perMinute)
    {
        // Refill in whole tokens each period: perMinute/60 tokens per second, or one token every 60/perMinute seconds.
        var (tokens, period) = perMinute >= 60
            ? (perMinute / 60, TimeSpan.FromSeconds(1))
            : (1, TimeSpan.FromSeconds(60.0 / perMinute));
        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = perMinute,
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = period,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }
}
