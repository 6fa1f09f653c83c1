using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Core.Storage.Persistence;
using Connectors.Mcp.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace Connectors.Mcp.Storage.Sqlite;

/// <summary>
/// The audit log (<c>connector_actions</c>), hash-chained per workspace (see <see cref="AuditChainHash"/>) with the chain's
/// newest link in <c>audit_chain_heads</c>. A row becomes final and is chained in one immediate transaction — the
/// head is read, the row updated and the head moved together — so writers in several processes build one chain.
/// Every method returns after its commit, and commits are synced (synchronous = FULL).
/// </summary>
public sealed class SqliteAuditLog(SqliteDatabase database) : IAuditLog
{
    private const string ContentColumns =
        "id, workspace_id, connector_id, tool, action, status, error_code, error_message, arguments_json, arguments_hash, approval_id, decision, caller, started_at, finished_at, duration_ms, seq";

    private const int MaxErrorMessageLength = 1000;

    // A started row (its content columns) and its workspace's chain head, in one read.
    private static readonly string StartedRowWithHeadSql =
        $"SELECT a.{ContentColumns.Replace(", ", ", a.", StringComparison.Ordinal)}, h.seq, h.hash FROM connector_actions a LEFT JOIN audit_chain_heads h ON h.workspace_id = a.workspace_id WHERE a.id = $id;";

    public Task<long> BeginAsync(AuditIntent intent, CancellationToken cancellationToken) =>
        database.WriteAsync(connection => InsertStarted(connection, intent), cancellationToken);

    public Task CompleteAsync(long rowId, AuditCompletion completion, CancellationToken cancellationToken) =>
        database.WriteAsync(connection => Complete(connection, rowId, completion), cancellationToken);

    public Task<long> RecordAsync(AuditIntent intent, AuditCompletion completion, CancellationToken cancellationToken) =>
        database.WriteAsync(connection => Record(connection, intent, completion), cancellationToken);

    public Task<IReadOnlyList<AuditEntry>> ListAsync(string workspaceId, int limit, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<AuditEntry>>(connection =>
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
            return ReadEntries(connection.Command(
                $"SELECT {ContentColumns}, prev_hash, hash FROM connector_actions WHERE workspace_id = $workspace_id ORDER BY id DESC LIMIT $limit;")
                .With("$workspace_id", workspaceId)
                .With("$limit", limit));
        }, cancellationToken);

    /// <summary>
    /// One statement whose unset filters are no-ops (<c>$x IS NULL OR column = $x</c>); walked newest first on the
    /// workspace's (workspace_id, id) index, or the tool's (workspace_id, tool, id) or the approval's index when those are set.
    /// </summary>
    public Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentException.ThrowIfNullOrWhiteSpace(query.WorkspaceId);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, AuditQuery.MaxLimit);
        var toolFilter = query.Tool is null ? "" : "AND tool = $tool ";
        var approvalFilter = query.ApprovalId is null ? "" : "AND approval_id = $approval_id ";
        return database.ReadAsync<IReadOnlyList<AuditEntry>>(connection => ReadEntries(connection.Command(
                $"""
                SELECT {ContentColumns}, prev_hash, hash FROM connector_actions
                WHERE workspace_id = $workspace_id {toolFilter}{approvalFilter}
                  AND ($connector_id IS NULL OR connector_id = $connector_id)
                  AND ($status IS NULL OR status = $status)
                  AND ($since IS NULL OR started_at >= $since)
                  AND ($until IS NULL OR started_at < $until)
                  AND ($before_id IS NULL OR id < $before_id)
                ORDER BY id DESC LIMIT $limit;
                """)
            .With("$workspace_id", query.WorkspaceId)
            .With("$tool", query.Tool)
            .With("$approval_id", query.ApprovalId)
            .With("$connector_id", query.ConnectorId)
            .With("$status", query.Status?.ToName())
            .With("$since", StorageTime.ToText(query.Since))
            .With("$until", StorageTime.ToText(query.Until))
            .With("$before_id", query.BeforeId)
            .With("$limit", query.Limit)), cancellationToken);
    }

    /// <summary>
    /// Walks the workspace's chain from sequence 1 in one read snapshot and stops at the first problem: an edited row
    /// (hash does not match its content), a missing row (a gap in the sequence, or a row not linking to the one
    /// before), or missing newest rows (the chain head is ahead of the last row).
    /// </summary>
    public Task<AuditVerification> VerifyAsync(string workspaceId, CancellationToken cancellationToken) =>
        database.ReadSnapshotAsync(connection =>
        {
            var unfinished = (long)connection.Command("SELECT COUNT(*) FROM connector_actions WHERE workspace_id = $workspace_id AND status = 'started';")
                .With("$workspace_id", workspaceId)
                .ExecuteScalar()!;
            var walk = new AuditChainWalk(ReadHead(connection, workspaceId), unfinished);
            using var reader = connection.Command(
                $"SELECT {ContentColumns}, prev_hash, hash FROM connector_actions WHERE workspace_id = $workspace_id AND seq IS NOT NULL ORDER BY seq;")
                .With("$workspace_id", workspaceId)
                .ExecuteReader();
            while (reader.Read())
            {
                if (walk.Next(ReadContent(reader), reader.GetNullableString(17), reader.GetNullableString(18)) is { } broken)
                {
                    return broken;
                }
            }

            return walk.Finish();
        }, cancellationToken);

    private static List<AuditEntry> ReadEntries(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var entries = new List<AuditEntry>();
        while (reader.Read())
        {
            var row = ReadContent(reader);
            entries.Add(new AuditEntry(
                row.Id, row.WorkspaceId, row.ConnectorId, row.Tool, row.Action, AuditStatusNames.Parse(row.Status), row.ErrorCode, row.ErrorMessage,
                row.ArgumentsJson, row.ArgumentsHash, row.ApprovalId, row.Decision, row.Caller, StorageTime.Parse(row.StartedAt),
                StorageTime.ParseNullable(row.FinishedAt), row.Sequence, reader.GetNullableString(17), reader.GetNullableString(18)));
        }

        return entries;
    }

    /// <summary>
    /// Inserts an intent row (status started) inside the caller's immediate transaction, in one statement: the
    /// <c>INSERT … SELECT</c> inserts nothing, and returns no id, when the workspace does not exist.
    /// </summary>
    internal static long InsertStarted(PooledConnection connection, AuditIntent intent)
    {
        AuditRecordChecks.Intent(intent);
        return connection.Command(
            """
            INSERT INTO connector_actions (workspace_id, connector_id, tool, action, status, arguments_json, arguments_hash, approval_id, caller, started_at, owner)
            SELECT $workspace_id, $connector_id, $tool, $action, 'started', $arguments_json, $arguments_hash, $approval_id, $caller, $started_at, $owner
            FROM workspaces WHERE id = $workspace_id
            RETURNING id;
            """)
            .With("$workspace_id", intent.WorkspaceId)
            .With("$connector_id", intent.ConnectorId)
            .With("$tool", intent.Tool)
            .With("$action", intent.Action)
            .With("$arguments_json", intent.ArgumentsJson)
            .With("$arguments_hash", intent.ArgumentsHash)
            .With("$approval_id", intent.ApprovalId)
            .With("$caller", intent.Caller)
            .With("$started_at", StorageTime.ToText(intent.StartedAt))
            .With("$owner", ProcessOwner.CurrentText)
            .ExecuteScalar() as long? ?? throw NotFound.Workspace(intent.WorkspaceId);
    }

    /// <summary>Makes a started row final and appends it to its workspace's chain (inside the caller's immediate transaction).</summary>
    internal static void Complete(PooledConnection connection, long rowId, AuditCompletion completion)
    {
        AuditRecordChecks.Completion(completion);
        AuditRowContent started;
        (long Sequence, string Hash)? head;
        using (var reader = connection.Command(StartedRowWithHeadSql).With("$id", rowId).ExecuteReader())
        {
            started = reader.Read() ? ReadContent(reader) : throw NotFound.AuditRow(rowId);
            head = reader.IsDBNull(17) ? null : (reader.GetInt64(17), reader.GetString(18));
        }

        if (started.Status != AuditStatus.Started.ToName())
        {
            throw new InvalidStateException($"Audit row {rowId} is already final ({started.Status}); only a started row can be completed.");
        }

        var (final, previousHash, hash) = Chain(started, completion, head);
        connection.Command(
            """
            UPDATE connector_actions
            SET status = $status, error_code = $error_code, error_message = $error_message, approval_id = $approval_id, decision = $decision,
                finished_at = $finished_at, duration_ms = $duration_ms, seq = $seq, prev_hash = $prev_hash, hash = $hash
            WHERE id = $id AND status = 'started';
            """)
            .With("$status", final.Status)
            .With("$error_code", final.ErrorCode)
            .With("$error_message", final.ErrorMessage)
            .With("$approval_id", final.ApprovalId)
            .With("$decision", final.Decision)
            .With("$finished_at", final.FinishedAt)
            .With("$duration_ms", final.DurationMs)
            .With("$seq", final.Sequence)
            .With("$prev_hash", previousHash)
            .With("$hash", hash)
            .With("$id", rowId)
            .Execute();
        MoveHead(connection, final, hash);
    }

    /// <summary>
    /// Writes a row that is final at once (a read-only call, a refusal) and appends it to its workspace's chain, inside
    /// the caller's immediate transaction: the same row, hash and head as <see cref="InsertStarted"/> followed by
    /// <see cref="Complete"/>, in three statements instead of six — one read (the workspace, its chain head, and the id
    /// the row will get), one insert of the final row, one move of the head.
    /// </summary>
    /// <remarks>
    /// The hash covers the row's id, so the id is known before the insert: <c>AUTOINCREMENT</c> gives a new row
    /// max(largest id ever used, kept in <c>sqlite_sequence</c>; largest id present) + 1 (sqlite.org/autoinc.html), and
    /// under the write lock this transaction holds no other connection or process can insert in between. The insert
    /// names that id; SQLite moves <c>sqlite_sequence</c> for it as for a chosen one, so ids stay increasing and are
    /// never reused. Were the id taken after all, the insert would fail on the primary key: nothing is overwritten.
    /// </remarks>
    internal static long Record(PooledConnection connection, AuditIntent intent, AuditCompletion completion)
    {
        AuditRecordChecks.Intent(intent);
        AuditRecordChecks.Completion(completion);
        long rowId;
        (long Sequence, string Hash)? head;
        using (var reader = connection.Command(
            """
            SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'connector_actions'), 0),
                       COALESCE((SELECT MAX(id) FROM connector_actions), 0)) + 1,
                   h.seq, h.hash
            FROM workspaces w LEFT JOIN audit_chain_heads h ON h.workspace_id = w.id
            WHERE w.id = $workspace_id;
            """)
            .With("$workspace_id", intent.WorkspaceId)
            .ExecuteReader())
        {
            if (!reader.Read())
            {
                throw NotFound.Workspace(intent.WorkspaceId);
            }

            rowId = reader.GetInt64(0);
            head = reader.IsDBNull(1) ? null : (reader.GetInt64(1), reader.GetString(2));
        }

        var started = new AuditRowContent(
            rowId, intent.WorkspaceId, intent.ConnectorId, intent.Tool, intent.Action, AuditStatus.Started.ToName(), null, null, intent.ArgumentsJson,
            intent.ArgumentsHash, intent.ApprovalId, null, intent.Caller, StorageTime.ToText(intent.StartedAt), null, null, null);
        var (final, previousHash, hash) = Chain(started, completion, head);
        connection.Command(
            """
            INSERT INTO connector_actions (id, workspace_id, connector_id, tool, action, status, error_code, error_message, arguments_json, arguments_hash,
                approval_id, decision, caller, started_at, finished_at, duration_ms, seq, prev_hash, hash, owner)
            VALUES ($id, $workspace_id, $connector_id, $tool, $action, $status, $error_code, $error_message, $arguments_json, $arguments_hash,
                $approval_id, $decision, $caller, $started_at, $finished_at, $duration_ms, $seq, $prev_hash, $hash, $owner);
            """)
            .With("$id", rowId)
            .With("$workspace_id", final.WorkspaceId)
            .With("$connector_id", final.ConnectorId)
            .With("$tool", final.Tool)
            .With("$action", final.Action)
            .With("$status", final.Status)
            .With("$error_code", final.ErrorCode)
            .With("$error_message", final.ErrorMessage)
            .With("$arguments_json", final.ArgumentsJson)
            .With("$arguments_hash", final.ArgumentsHash)
            .With("$approval_id", final.ApprovalId)
            .With("$decision", final.Decision)
            .With("$caller", final.Caller)
            .With("$started_at", final.StartedAt)
            .With("$finished_at", final.FinishedAt)
            .With("$duration_ms", final.DurationMs)
            .With("$seq", final.Sequence)
            .With("$prev_hash", previousHash)
            .With("$hash", hash)
            .With("$owner", ProcessOwner.CurrentText)
            .Execute();
        MoveHead(connection, final, hash);
        return rowId;
    }

    /// <summary>The started row made final and linked after <paramref name="head"/> (null: the workspace's first row), with its hash.</summary>
    private static (AuditRowContent Final, string PreviousHash, string Hash) Chain(AuditRowContent started, AuditCompletion completion, (long Sequence, string Hash)? head)
    {
        var previousHash = head?.Hash ?? AuditChainHash.Genesis;
        var finishedAt = StorageTime.Truncate(completion.FinishedAt);
        var final = started with
        {
            Status = completion.Status.ToName(),
            ErrorCode = completion.ErrorCode,
            ErrorMessage = completion.ErrorMessage is { Length: > MaxErrorMessageLength } message ? message[..MaxErrorMessageLength] + "…" : completion.ErrorMessage,
            ApprovalId = completion.ApprovalId ?? started.ApprovalId,
            Decision = completion.Decision,
            FinishedAt = StorageTime.ToText(finishedAt),
            DurationMs = (long)(finishedAt - StorageTime.Parse(started.StartedAt)).TotalMilliseconds,
            Sequence = (head?.Sequence ?? 0) + 1,
        };
        return (final, previousHash, AuditChainHash.Compute(previousHash, final));
    }

    private static void MoveHead(PooledConnection connection, AuditRowContent final, string hash) =>
        connection.Command(
            """
            INSERT INTO audit_chain_heads (workspace_id, seq, hash, row_id, updated_at) VALUES ($workspace_id, $seq, $hash, $row_id, $updated_at)
            ON CONFLICT (workspace_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, row_id = excluded.row_id, updated_at = excluded.updated_at;
            """)
            .With("$workspace_id", final.WorkspaceId)
            .With("$seq", final.Sequence)
            .With("$hash", hash)
            .With("$row_id", final.Id)
            .With("$updated_at", final.FinishedAt)
            .Execute();

    private static (long Sequence, string Hash, long RowId)? ReadHead(PooledConnection connection, string workspaceId)
    {
        using var reader = connection.Command("SELECT seq, hash, row_id FROM audit_chain_heads WHERE workspace_id = $workspace_id;")
            .With("$workspace_id", workspaceId)
            .ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2)) : null;
    }

    private static AuditRowContent ReadContent(SqliteDataReader reader) => new(
        Id: reader.GetInt64(0),
        WorkspaceId: reader.GetString(1),
        ConnectorId: reader.GetNullableString(2),
        Tool: reader.GetString(3),
        Action: reader.GetNullableString(4),
        Status: reader.GetString(5),
        ErrorCode: reader.GetNullableString(6),
        ErrorMessage: reader.GetNullableString(7),
        ArgumentsJson: reader.GetString(8),
        ArgumentsHash: reader.GetNullableString(9),
        ApprovalId: reader.GetNullableString(10),
        Decision: reader.GetNullableString(11),
        Caller: reader.GetNullableString(12),
        StartedAt: reader.GetString(13),
        FinishedAt: reader.GetNullableString(14),
        DurationMs: reader.GetNullableInt64(15),
        Sequence: reader.GetNullableInt64(16));
}
