namespace Connectors.Mcp.Core.Storage;

/// <summary>
/// The limits a workspace's calls run under: <see cref="CallsPerMinute"/> for the whole workspace and
/// <see cref="ConnectorCallsPerMinute"/> for each of its connector instances. <see cref="Overridden"/> says whether
/// either came from <c>workspace set-limits</c> rather than the plan.
/// </summary>
public sealed record EffectiveRateLimits(int CallsPerMinute, int ConnectorCallsPerMinute, bool Overridden);
