using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.Options;

namespace Connectors.Mcp.Core.Pipeline.RateLimiting;

/// <summary>
/// Calls per minute per workspace and per connector instance (System.Threading.RateLimiting token buckets whose burst
/// is the per-minute figure and which refill evenly). The figures are <see cref="PlanLimits.RateLimits(Workspace)"/>:
/// the workspace's stored overrides, else its plan's defaults. A bucket is keyed by its owner and its figure, so a
/// changed limit (which moves the catalog version, hence the <see cref="Workspace"/> the pipeline sees) takes effect
/// on the next call. One workspace or connector exhausting its bucket touches no other bucket.
/// </summary>
public sealed class WorkspaceRateLimiter : IDisposable
{
    private readonly ConcurrentDictionary<(string Owner, int Limit), RateLimiter> _limiters = new();
    private readonly ToolPipelineOptions _options;

    public WorkspaceRateLimiter(IOptions<ToolPipelineOptions> options) => _options = options.Value;

    /// <summary>
    /// Takes a token from the connector's bucket (when the call has a connector), then from the workspace's. A call the
    /// connector bucket refuses takes nothing from the workspace, so a hammered account does not drain its workspace.
    /// </summary>
    public RateLimitDecision TryAcquire(Workspace workspace, ConnectorInstance? connector = null)
    {
        var limits = Effective(workspace);
        if (connector is not null)
        {
            var refused = Acquire("connector:" + connector.Id, limits.ConnectorCallsPerMinute);
            if (refused is { } connectorWait)
            {
                return new RateLimitDecision(false, connectorWait, RateLimitScope.Connector);
            }
        }

        var workspaceRefused = Acquire("workspace:" + workspace.Id, limits.CallsPerMinute);
        return workspaceRefused is { } wait ? new RateLimitDecision(false, wait, RateLimitScope.Workspace) : new RateLimitDecision(true, null);
    }

    /// <summary>The limits applied to <paramref name="workspace"/>: stored overrides, else the options' test figures, else the plan's.</summary>
    public EffectiveRateLimits Effective(Workspace workspace)
    {
        var overrides = workspace.RateLimitOverrides;
        return new EffectiveRateLimits(
            overrides.CallsPerMinute ?? _options.CallsPerMinute ?? PlanLimits.CallsPerMinute(workspace.Plan),
            overrides.ConnectorCallsPerMinute ?? _options.ConnectorCallsPerMinute ?? PlanLimits.ConnectorCallsPerMinute(workspace.Plan),
            overrides.CallsPerMinute is not null || overrides.ConnectorCallsPerMinute is not null);
    }

    public void Dispose()
    {
        foreach (var limiter in _limiters.Values)
        {
            limiter.Dispose();
        }
    }

    /// <summary><c>null</c> when a token was taken, else how long until one is due.</summary>
    private TimeSpan? Acquire(string owner, int limit)
    {
        var limiter = _limiters.GetOrAdd((owner, limit), static key => Create(key.Limit));
        using var lease = limiter.AttemptAcquire();
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(60.0 / limit);
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
