using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Core.Storage.Persistence;
using Connectors.Mcp.Storage.Postgres.Internal;

namespace Connectors.Mcp.Storage.Postgres;

/// <summary>
/// Every workspace's watermarks in one statement (so one snapshot), in the same text as SQLite's: approvals — the count
/// per status as reported (past its expiry, a pending or approved-but-not-run approval counts as expired); connectors —
/// each connector's id, status, credential state, last sync, last error and published actions; audit — the newest row
/// id. Changes made on any instance show in the next reading.
/// </summary>
public sealed class PostgresWorkspaceWatermarks(PostgresDatabase database) : IWorkspaceWatermarks
{
    public Task<IReadOnlyList<WorkspaceWatermark>> ReadAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        database.ReadAsync((connection, ct) =>
            StoreCommand.Create(connection, null,
                    """
                    WITH approval_states AS (
                        SELECT workspace_id, CASE WHEN status IN ('pending', 'approved') AND expires_at <= @now THEN 'expired' ELSE status END AS state, COUNT(*) AS n
                        FROM approvals GROUP BY 1, 2),
                    approval_marks AS (
                        SELECT workspace_id, string_agg(state || '=' || n, ',' ORDER BY state COLLATE "C") AS mark FROM approval_states GROUP BY workspace_id),
                    connector_marks AS (
                        SELECT workspace_id, string_agg(
                            id || '|' || status || '|' || credential_state || '|'
                            || COALESCE(to_char(last_sync_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), '') || '|'
                            || COALESCE(last_error, '') || '|' || COALESCE(published_actions_json, ''),
                            E'\n' ORDER BY id COLLATE "C") AS mark
                        FROM workspace_connectors GROUP BY workspace_id),
                    audit_marks AS (SELECT workspace_id, MAX(id) AS last_id FROM connector_actions GROUP BY workspace_id)
                    SELECT w.id, w.slug, COALESCE(a.mark, ''), COALESCE(c.mark, ''), COALESCE(l.last_id, 0)
                    FROM workspaces w
                    LEFT JOIN approval_marks a ON a.workspace_id = w.id
                    LEFT JOIN connector_marks c ON c.workspace_id = w.id
                    LEFT JOIN audit_marks l ON l.workspace_id = w.id
                    ORDER BY w.slug COLLATE "C"
                    """)
                .Bind("now", StorageTime.Truncate(now))
                .RowsAsync(r => new WorkspaceWatermark(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt64(4)), ct), cancellationToken);
}
