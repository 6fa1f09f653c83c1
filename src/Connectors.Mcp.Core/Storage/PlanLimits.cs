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

    public static string Name(WorkspacePlan plan) => plan.ToString().ToLowerInvariant();

    public static bool TryParse(string value, out WorkspacePlan plan) =>
        Enum.TryParse(value, ignoreCase: true, out plan) && Enum.IsDefined(plan) && !int.TryParse(value, out _);
}
