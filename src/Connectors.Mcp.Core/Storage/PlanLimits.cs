namespace Connectors.Mcp.Core.Storage;

/// <summary>What each plan allows. The one place these numbers live.</summary>
public static class PlanLimits
{
    /// <summary>Connectors a workspace may have; <c>null</c> is unlimited.</summary>
    public static int? MaxConnectors(WorkspacePlan plan) => plan switch
    {
        WorkspacePlan.Free => 3,
        WorkspacePlan.Pro => 20,
        WorkspacePlan.Enterprise => null,
        _ => throw new ArgumentOutOfRangeException(nameof(plan)),
    };

    /// <summary>Tool calls per minute for the whole workspace (token bucket, burst = this number).</summary>
    public static int CallsPerMinute(WorkspacePlan plan) => plan switch
    {
        WorkspacePlan.Free => 60,
        WorkspacePlan.Pro => 600,
        WorkspacePlan.Enterprise => 3000,
        _ => throw new ArgumentOutOfRangeException(nameof(plan)),
    };

    /// <summary>
    /// Tool calls per minute for one connector instance (one account), below the workspace's figure so that one busy
    /// account cannot use up the whole workspace, and below what Gmail and Calendar allow one user.
    /// </summary>
    public static int ConnectorCallsPerMinute(WorkspacePlan plan) => plan switch
    {
        WorkspacePlan.Free => 30,
        WorkspacePlan.Pro => 300,
        WorkspacePlan.Enterprise => 1200,
        _ => throw new ArgumentOutOfRangeException(nameof(plan)),
    };

    /// <summary>Largest value <c>workspace set-limits</c> accepts for either limit.</summary>
    public const int MaxCallsPerMinute = 1_000_000;

    /// <summary>The workspace's overrides where set, else its plan's defaults.</summary>
    public static EffectiveRateLimits RateLimits(Workspace workspace)
    {
        var overrides = workspace.RateLimitOverrides;
        return new EffectiveRateLimits(
            overrides.CallsPerMinute ?? CallsPerMinute(workspace.Plan),
            overrides.ConnectorCallsPerMinute ?? ConnectorCallsPerMinute(workspace.Plan),
            overrides.CallsPerMinute is not null || overrides.ConnectorCallsPerMinute is not null);
    }

    public static string Name(WorkspacePlan plan) => plan.ToString().ToLowerInvariant();

    public static bool TryParse(string value, out WorkspacePlan plan) =>
        Enum.TryParse(value, ignoreCase: true, out plan) && Enum.IsDefined(plan) && !int.TryParse(value, out _);
}
