using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Core.Storage.Persistence;
using Npgsql;

namespace Connectors.Mcp.Storage.Postgres.Internal;

/// <summary>
/// Appends an <c>operator_changes</c> row. Called by the stores inside the write transaction that makes the change, so
/// the change and its record commit or roll back together. Targets and values are spelled by <see cref="OperatorChangeText"/>.
/// </summary>
internal static class OperatorChangeRow
{
    public static Task AppendAsync(
        NpgsqlConnection connection,
        TimeProvider time,
        OperatorActor actor,
        WorkspaceRow? workspace,
        string action,
        string? target,
        string? oldValue,
        string? newValue,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return connection.Command(
                """
                INSERT INTO operator_changes (at, actor, workspace_id, workspace_slug, action, target, old_value, new_value)
                VALUES (@at, @actor, @workspace_id, @workspace_slug, @action, @target, @old_value, @new_value)
                """)
            .With("at", StorageTime.Now(time))
            .With("actor", actor.Name)
            .With("workspace_id", workspace?.Id)
            .With("workspace_slug", workspace?.Slug)
            .With("action", action)
            .With("target", target)
            .With("old_value", oldValue)
            .With("new_value", newValue)
            .ExecuteAsync(cancellationToken);
    }
}
