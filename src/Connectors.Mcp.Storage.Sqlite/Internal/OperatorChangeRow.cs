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

    public static string AdminTokenTarget(AdminToken token) => OperatorChangeText.AdminTokenTarget(token);

    public static string RuleText(ApprovalRule rule) => OperatorChangeText.RuleText(rule);

    public static string LimitsText(RateLimitOverrides overrides) => OperatorChangeText.LimitsText(overrides);

    public static string DomainsText(IReadOnlyList<string> domains) => OperatorChangeText.DomainsText(domains);
}
