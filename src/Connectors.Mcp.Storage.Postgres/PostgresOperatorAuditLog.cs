using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Storage.Postgres.Internal;

namespace Connectors.Mcp.Storage.Postgres;

/// <summary>
/// Reads <c>operator_changes</c>, newest first. The rows are written by the stores that make the changes, inside their
/// transactions; the table refuses updates and deletes (a trigger).
/// </summary>
public sealed class PostgresOperatorAuditLog(PostgresDatabase database) : IOperatorAuditLog
{
    public Task<IReadOnlyList<OperatorChange>> QueryAsync(OperatorAuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1, nameof(query.Limit));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, OperatorAuditQuery.MaxLimit, nameof(query.Limit));
        return database.ReadAsync((connection, ct) =>
            StoreCommand.Create(connection, null,
                    """
                    SELECT id, at, actor, workspace_id, workspace_slug, action, target, old_value, new_value FROM operator_changes
                    WHERE (@workspace_id IS NULL OR workspace_id = @workspace_id) AND (@before_id IS NULL OR id < @before_id)
                    ORDER BY id DESC LIMIT @limit
                    """)
                .Bind("workspace_id", query.WorkspaceId)
                .Bind("before_id", query.BeforeId)
                .Bind("limit", (long)query.Limit)
                .RowsAsync(r => new OperatorChange(
                    r.GetInt64(0), r.GetTime(1), r.GetString(2), r.GetNullableString(3), r.GetNullableString(4), r.GetString(5), r.GetNullableString(6),
                    r.GetNullableString(7), r.GetNullableString(8)), ct), cancellationToken);
    }
}
