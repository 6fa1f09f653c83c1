using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Core.Storage.Persistence;
using Connectors.Mcp.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace Connectors.Mcp.Storage.Sqlite;

/// <summary>
/// Reads <c>operator_changes</c>, newest first. The rows are written by the stores that make the changes
/// (<see cref="OperatorChangeRow"/>), inside their transactions; the table refuses updates and deletes.
/// </summary>
public sealed class SqliteOperatorAuditLog(SqliteDatabase database) : IOperatorAuditLog
{
    private const string Columns = "id, at, actor, workspace_id, workspace_slug, action, target, old_value, new_value";

    public Task<IReadOnlyList<OperatorChange>> QueryAsync(OperatorAuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1, nameof(query.Limit));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, OperatorAuditQuery.MaxLimit, nameof(query.Limit));
        return database.ReadAsync<IReadOnlyList<OperatorChange>>(connection =>
        {
            using var reader = connection.Command(
                    $"""
                    SELECT {Columns} FROM operator_changes
                    WHERE ($workspace_id IS NULL OR workspace_id = $workspace_id) AND ($before_id IS NULL OR id < $before_id)
                    ORDER BY id DESC LIMIT $limit;
                    """)
                .With("$workspace_id", query.WorkspaceId)
                .With("$before_id", query.BeforeId)
                .With("$limit", query.Limit)
                .ExecuteReader();
            var changes = new List<OperatorChange>();
            while (reader.Read())
            {
                changes.Add(Read(reader));
            }

            return changes;
        }, cancellationToken);
    }

    private static OperatorChange Read(SqliteDataReader reader) => new(
        reader.GetInt64(0),
        StorageTime.Parse(reader.GetString(1)),
        reader.GetString(2),
        reader.GetNullableString(3),
        reader.GetNullableString(4),
        reader.GetString(5),
        reader.GetNullableString(6),
        reader.GetNullableString(7),
        reader.GetNullableString(8));
}
