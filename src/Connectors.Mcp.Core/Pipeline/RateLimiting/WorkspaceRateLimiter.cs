using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.Options;

namespace Connectors.Mcp.Core.Pipeline.RateLimiting;

/// <summary>
/// Calls per minute per workspace and per connector instance, as token buckets (<see cref="IRateLimitBuckets"/>) whose
/// burst is the per-minute figure and which refill evenly. The figures are <see cref="PlanLimits.RateLimits(Workspace)"/>:
/// the workspace's stored overrides, else its plan's defaults. A bucket is keyed by its owner and its figure, so a
/// changed limit (which moves the catalog version, hence the <see cref="Workspace"/> the pipeline sees) takes effect
/// on the next call. One workspace or connector exhausting its bucket touches no other workspace's bucket; a call its
/// connector's bucket refuses has already taken its workspace token (it was a call all the same).
/// </summary>
public sealed class WorkspaceRateLimiter(IOptions<ToolPipelineOptions> options, IRateLimitBuckets buckets)
{
    private readonly ToolPipelineOptions _options = options.Value;

    /// <summary>
    /// Takes a token from the workspace's bucket. The pipeline asks this first, before it resolves or validates anything:
    /// every call a client makes counts against its workspace, whatever becomes of it (unknown tool, invalid
    /// arguments, a meta tool, a gated call, or a call its connector's bucket then refuses).
    /// </summary>
    public async ValueTask<RateLimitDecision> TryAcquireWorkspaceAsync(Workspace workspace, CancellationToken cancellationToken)
    {
        var limit = Effective(workspace).CallsPerMinute;
        var refused = await buckets.TryTakeAsync(Key("workspace", workspace.Id, limit), limit, cancellationToken);
        return refused is { } wait ? new RateLimitDecision(false, wait, RateLimitScope.Workspace) : new RateLimitDecision(true, null);
    }

    /// <summary>
    /// Takes a token from the connector instance's bucket, for a call that resolved to one of its tools and passed
    /// validation: the bucket guards the provider account's quota, which only a call that will reach it uses.
    /// </summary>
    public async ValueTask<RateLimitDecision> TryAcquireConnectorAsync(Workspace workspace, ConnectorInstance connector, CancellationToken cancellationToken)
    {
        var limit = Effective(workspace).ConnectorCallsPerMinute;
        var refused = await buckets.TryTakeAsync(Key("connector", connector.Id, limit), limit, cancellationToken);
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

    // The figure is part of the key: a raised or lowered limit starts a fresh bucket on the next call.
    private static string Key(string kind, string owner, int limit) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{kind}:{owner}:{limit}");
}
