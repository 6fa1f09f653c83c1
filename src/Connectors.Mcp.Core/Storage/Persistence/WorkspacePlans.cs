using Connectors.Mcp.Core.Storage;

namespace Connectors.Mcp.Core.Storage.Persistence;

/// <summary>The database spelling of <see cref="WorkspacePlan"/> (<c>free</c>, <c>pro</c>, <c>enterprise</c>).</summary>
public static class WorkspacePlans
{
    public static string ToName(WorkspacePlan plan) => PlanLimits.Name(plan);

    public static WorkspacePlan Parse(string name) =>
        PlanLimits.TryParse(name, out var plan) ? plan : throw new FormatException($"Unknown workspace plan '{name}'.");

    /// <summary>The plan to suggest when this one's limit is reached.</summary>
    public static WorkspacePlan Next(WorkspacePlan plan) => plan switch
    {
        WorkspacePlan.Free => WorkspacePlan.Pro,
        _ => WorkspacePlan.Enterprise,
    };
}
