using System.Globalization;
using Connectors.Mcp.Core.Connectors;

namespace Connectors.Mcp.Core.Storage.Persistence;

/// <summary>How <c>operator_changes</c> rows spell their targets and values, the same on every backend.</summary>
public static class OperatorChangeText
{
    /// <summary>How a record names an admin token: its id and name, never the token.</summary>
    public static string AdminTokenTarget(AdminToken token) => $"{token.Id} '{token.Name}'";

    /// <summary>A rule as one line: position, pattern, condition, effect and note.</summary>
    public static string RuleText(ApprovalRule rule) =>
        $"#{rule.Position} {rule.ToolPattern} when {rule.Condition.Text} → {rule.Effect.ToName()}" + (rule.Note is null ? "" : $" ({rule.Note})");

    /// <summary>Rate-limit overrides as text, <c>plan</c> for "the plan's default".</summary>
    public static string LimitsText(RateLimitOverrides overrides) =>
        $"calls_per_minute={overrides.CallsPerMinute?.ToString(CultureInfo.InvariantCulture) ?? "plan"}, "
        + $"connector_calls_per_minute={overrides.ConnectorCallsPerMinute?.ToString(CultureInfo.InvariantCulture) ?? "plan"}";

    public static string DomainsText(IReadOnlyList<string> domains) => string.Join(',', domains);
}
