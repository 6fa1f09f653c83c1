using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.Options;

namespace Connectors.Mcp.Core.Pipeline.RateLimiting;

/// <summary>
/// Calls per minute per workspace, by plan: a token bucket per workspace (System.Threading.RateLimiting) whose burst is
/// the per-minute figure and which refills evenly each second. One workspace exhausting its bucket does not touch another's.
/// </summary>
public sealed class WorkspaceRateLimiter : IDisposable
{
    private readonly ConcurrentDictionary<(string WorkspaceId, int Limit), RateLimiter> _limiters = new();
    private readonly ToolPipelineOptions _options;

    public WorkspaceRateLimiter(IOptions<ToolPipelineOptions> options) => _options = options.Value;

    public RateLimitDecision TryAcquire(Workspace workspace)
    {
        var limit = _options.CallsPerMinute ?? PlanLimits.CallsPerMinute(workspace.Plan);
        var limiter = _limiters.GetOrAdd((workspace.Id, limit), static key => Create(key.Limit));
        using var lease = limiter.AttemptAcquire();
        if (lease.IsAcquired)
        {
            return new RateLimitDecision(true, null);
        }

        return new RateLimitDecision(false, lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(60.0 / limit));
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
