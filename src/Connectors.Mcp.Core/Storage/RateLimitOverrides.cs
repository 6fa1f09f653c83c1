namespace Connectors.Mcp.Core.Storage;

/// <summary>
/// A workspace's overrides of its plan's rate limits (<c>workspace set-limits</c>); <c>null</c> keeps the plan's
/// default from <see cref="PlanLimits"/>.
/// </summary>
public sealed record RateLimitOverrides(int? CallsPerMinute, int? ConnectorCallsPerMinute)
{
    public static RateLimitOverrides None { get; } = new(null, null);
}
