using System.Globalization;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Core.Storage.Persistence;

namespace Connectors.Mcp.Storage.Sqlite.Internal;

/// <summary>
/// Appends an <c>operator_changes</c> row. Called by the stores inside the write transaction that makes the change, so
/// the change and its record commit or roll back together.
/// </summary>
internal static class OperatorChangeRow
{
    public static void Append(
        PooledConnection connection, TimeProvider time, OperatorActor actor, WorkspaceRow? workspace, string action, string? target, string? oldValue, string? newValue)
    {
        ArgumentNullException.ThrowIfNull(actor);
        connection.Command(
            """
            INSERT INTO operator_changes (at, actor, workspace_id, workspace_slug, action, target, old_value, new_value)
            VALUES ($at, $actor, $workspace_id, $workspace_slug, $action, $target, $old_value, $new_value);
            """)
            .With("$at", StorageTime.ToText(StorageTime.Now(time)))
            .With("$actor", actor.Name)
            .With("$workspace_id", workspace?.Id)
            .With("$workspace_slug", workspace?.Slug)
            .With("$action", action)
            .With("$target", target)
            .With("$old_value", oldValue)
            .With("$new_value", newValue)
            .Execute();
    }

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
