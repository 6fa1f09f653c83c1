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
/// on the next call. One workspace or connector exhausting its bucket touches no other workspace's bucket; a call its
/// connector's bucket refuses has already taken its workspace token (it was a call all the same).
/// </summary>
public sealed class WorkspaceRateLimiter : IDisposable
{
    private readonly ConcurrentDictionary<(string Owner, int Limit), RateLimiter> _limiters = new();
    private readonly ToolPipelineOptions _options;

    public WorkspaceRateLimiter(IOptions<ToolPipelineOptions> options) => _options = options.Value;

    /// <summary>
    /// Takes a token from the workspace's bucket. The pipeline asks this first, before it resolves or validates anything:
    /// every call a client makes counts against its workspace, whatever becomes of it (unknown tool, invalid
    /// arguments, a meta tool, a gated call, or a call its connector's bucket then refuses).
    /// </summary>
    public RateLimitDecision TryAcquireWorkspace(Workspace workspace)
    {
        var refused = Acquire("workspace:" + workspace.Id, Effective(workspace).CallsPerMinute);
        return refused is { } wait ? new RateLimitDecision(false, wait, RateLimitScope.Workspace) : new RateLimitDecision(true, null);
    }

    /// <summary>
    /// Takes a token from the connector instance's bucket, for a call that resolved to one of its tools and passed
    /// validation: the bucket guards the provider account's quota, which only a call that will reach it uses.
    /// </summary>
    public RateLimitDecision TryAcquireConnector(Workspace workspace, ConnectorInstance connector)
    {
        var refused = Acquire("connector:" + connector.Id, Effective(workspace).ConnectorCallsPerMinute);
        return refused is { } wait ? new RateLimitDecision(false, wait, RateLimitScope.Connector) : new RateLimitDecision(true, null);
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
