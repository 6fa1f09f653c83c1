using System.Data;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Core.Storage.Persistence;
using Connectors.Mcp.Storage.Postgres.Internal;
using Npgsql;

namespace Connectors.Mcp.Storage.Postgres;

/// <summary>
/// The audit log (<c>connector_actions</c>) on PostgreSQL, hash-chained per workspace (<see cref="AuditChainHash"/>, over
/// timestamps as <see cref="StorageTime"/> text, so the same rows hash the same as on SQLite) with the chain's newest
/// link in <c>audit_chain_heads</c>. Each write is one short transaction; see <see cref="PostgresAuditChain"/> for how
/// writers on several instances build one chain without gaps or forks.
/// </summary>
public sealed class PostgresAuditLog(PostgresDatabase database) : IAuditLog
{
    /// <summary>
    /// Commits an intent row (status started); one statement that inserts nothing when the workspace does not exist.
    /// The row names this process as its owner, so this process holds its liveness lock first (<see cref="Internal.OwnerLiveness"/>).
    /// </summary>
    public async Task<long> BeginAsync(AuditIntent intent, CancellationToken cancellationToken)
    {
        await database.Liveness.EnsureHeldAsync(cancellationToken);
        return await database.WriteAsync((connection, transaction, ct) => PostgresAuditChain.InsertStartedAsync(connection, transaction, intent, ct), cancellationToken);
    }

    /// <summary>
    /// Makes a started row final and chains it. Cross-instance guarantee: the workspace's <c>audit_chain_heads</c> row is
    /// locked (<c>INSERT … ON CONFLICT DO UPDATE</c>) before the row is read and linked, in the same transaction.
    /// </summary>
    public Task CompleteAsync(long rowId, AuditCompletion completion, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction, ct) => PostgresAuditChain.CompleteAsync(connection, transaction, rowId, completion, ct), cancellationToken);

    /// <summary>
    /// Writes a final row and chains it. Cross-instance guarantee: the head row is locked first, then the row (its id
    /// drawn from the table's sequence under that lock) is inserted and the head moved, in one transaction.
    /// </summary>
    public Task<long> RecordAsync(AuditIntent intent, AuditCompletion completion, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction, ct) => PostgresAuditChain.RecordAsync(connection, transaction, intent, completion, ct), cancellationToken);

    public Task<IReadOnlyList<AuditEntry>> ListAsync(string workspaceId, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return database.ReadAsync<IReadOnlyList<AuditEntry>>((connection, ct) =>
            StoreCommand.Create(connection, null,
                    $"SELECT {PostgresAuditChain.ContentColumns}, prev_hash, hash FROM connector_actions WHERE workspace_id = @workspace_id ORDER BY id DESC LIMIT @limit")
                .Bind("workspace_id", workspaceId)
                .Bind("limit", (long)limit)
                .RowsAsync(ReadEntry, ct), cancellationToken);
    }

    /// <summary>One statement whose unset filters are no-ops; walked newest first on the (workspace_id, id) index (or the tool's, or the approval's).</summary>
    public Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentException.ThrowIfNullOrWhiteSpace(query.WorkspaceId);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, AuditQuery.MaxLimit);
        var toolFilter = query.Tool is null ? "" : "AND tool = @tool ";
        var approvalFilter = query.ApprovalId is null ? "" : "AND approval_id = @approval_id ";
        return database.ReadAsync<IReadOnlyList<AuditEntry>>((connection, ct) =>
            StoreCommand.Create(connection, null,
                    $"""
                    SELECT {PostgresAuditChain.ContentColumns}, prev_hash, hash FROM connector_actions
                    WHERE workspace_id = @workspace_id {toolFilter}{approvalFilter}
                      AND (@connector_id::text IS NULL OR connector_id = @connector_id)
                      AND (@status::text IS NULL OR status = @status)
                      AND (@since::timestamptz IS NULL OR started_at >= @since)
                      AND (@until::timestamptz IS NULL OR started_at < @until)
                      AND (@before_id::bigint IS NULL OR id < @before_id)
                    ORDER BY id DESC LIMIT @limit
                    """)
                .Bind("workspace_id", query.WorkspaceId)
                .Bind("tool", query.Tool)
                .Bind("approval_id", query.ApprovalId)
                .Bind("connector_id", query.ConnectorId)
                .Bind("status", query.Status?.ToName())
                .Bind("since", query.Since)
                .Bind("until", query.Until)
                .Bind("before_id", query.BeforeId)
                .Bind("limit", (long)query.Limit)
                .RowsAsync(ReadEntry, ct), cancellationToken);
    }

    /// <summary>
    /// Walks the workspace's chain from sequence 1 in one snapshot (a repeatable-read transaction) and stops at the first
    /// problem: an edited row, a missing row (a gap, or a row not linking to the one before), or missing newest rows
    /// (the chain head is ahead of the last row).
    /// </summary>
    public Task<AuditVerification> VerifyAsync(string workspaceId, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction, ct) =>
        {
            var unfinished = (long)(await StoreCommand.Create(connection, transaction,
                    "SELECT COUNT(*) FROM connector_actions WHERE workspace_id = @workspace_id AND status = 'started'")
                .Bind("workspace_id", workspaceId)
                .ScalarAsync(ct))!;
            var head = await PostgresAuditChain.ReadHeadAsync(connection, transaction, workspaceId, ct);
            var walk = new AuditChainWalk(head, unfinished);
            await using (var command = StoreCommand.Create(connection, transaction,
                    $"SELECT {PostgresAuditChain.ContentColumns}, prev_hash, hash FROM connector_actions WHERE workspace_id = @workspace_id AND seq IS NOT NULL ORDER BY seq")
                .Bind("workspace_id", workspaceId))
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    if (walk.Next(PostgresAuditChain.ReadContent(reader), reader.GetNullableString(17), reader.GetNullableString(18)) is { } broken)
                    {
                        return broken;
                    }
                }
            }

            return walk.Finish();
        }, cancellationToken, IsolationLevel.RepeatableRead);

    private static AuditEntry ReadEntry(NpgsqlDataReader reader)
    {
        var row = PostgresAuditChain.ReadContent(reader);
        return new AuditEntry(
            row.Id, row.WorkspaceId, row.ConnectorId, row.Tool, row.Action, AuditStatusNames.Parse(row.Status), row.ErrorCode, row.ErrorMessage,
            row.ArgumentsJson, row.ArgumentsHash, row.ApprovalId, row.Decision, row.Caller, StorageTime.Parse(row.StartedAt),
            StorageTime.ParseNullable(row.FinishedAt), row.Sequence, reader.GetNullableString(17), reader.GetNullableString(18));
    }
}
