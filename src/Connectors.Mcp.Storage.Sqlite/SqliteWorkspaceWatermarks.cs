using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Core.Storage.Persistence;
using Connectors.Mcp.Storage.Sqlite.Internal;

namespace Connectors.Mcp.Storage.Sqlite;

/// <summary>
/// Every workspace's watermarks in one read snapshot, three grouped reads:
/// approvals — the count per status as reported (a pending or approved-but-not-run approval past its expiry counts as
/// expired, so the moment it expires changes the mark even before anyone reads it); connectors — each connector's id, status, credential
/// state, last sync, last error and published actions; audit — the newest row id (the (workspace_id, id) index).
/// </summary>
public sealed class SqliteWorkspaceWatermarks(SqliteDatabase database) : IWorkspaceWatermarks
{
    public Task<IReadOnlyList<WorkspaceWatermark>> ReadAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        database.ReadSnapshotAsync<IReadOnlyList<WorkspaceWatermark>>(connection =>
        {
            var approvals = Grouped(connection.Command(
                    $"""
                    SELECT workspace_id, group_concat(state || '=' || n, ',') FROM (
                        SELECT workspace_id, {ApprovalStatusSql.Reported} AS state, COUNT(*) AS n
                        FROM approvals GROUP BY workspace_id, state ORDER BY workspace_id, state)
                    GROUP BY workspace_id;
                    """)
                .With("$now", StorageTime.ToText(StorageTime.Truncate(now))));
            var connectors = Grouped(connection.Command(
                """
                SELECT workspace_id, group_concat(id || '|' || status || '|' || credential_state || '|' || COALESCE(last_sync_at, '') || '|' || COALESCE(last_error, '') || '|' || COALESCE(published_actions_json, ''), char(10))
                FROM (SELECT * FROM workspace_connectors ORDER BY workspace_id, id)
                GROUP BY workspace_id;
                """));
            var audit = new Dictionary<string, long>(StringComparer.Ordinal);
            using (var reader = connection.Command("SELECT workspace_id, MAX(id) FROM connector_actions GROUP BY workspace_id;").ExecuteReader())
            {
                while (reader.Read())
                {
                    audit[reader.GetString(0)] = reader.GetInt64(1);
                }
            }

            var marks = new List<WorkspaceWatermark>();
            using (var reader = connection.Command("SELECT id, slug FROM workspaces ORDER BY slug;").ExecuteReader())
            {
                while (reader.Read())
                {
                    var id = reader.GetString(0);
                    marks.Add(new WorkspaceWatermark(id, reader.GetString(1), approvals.GetValueOrDefault(id, ""), connectors.GetValueOrDefault(id, ""), audit.GetValueOrDefault(id)));
                }
            }

            return marks;
        }, cancellationToken);

    private static Dictionary<string, string> Grouped(Microsoft.Data.Sqlite.SqliteCommand command)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            values[reader.GetString(0)] = reader.GetNullableString(1) ?? "";
        }

        return values;
    }
}
