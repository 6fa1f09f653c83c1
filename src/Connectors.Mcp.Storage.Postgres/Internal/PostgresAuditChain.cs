using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Core.Storage.Persistence;
using Npgsql;

namespace Connectors.Mcp.Storage.Postgres.Internal;

/// <summary>
/// The audit row protocol inside a caller's transaction (the audit log's, an approval's, the reconciler's): an intent
/// row is inserted as <c>started</c>; a row becomes final and is chained under the workspace's chain head lock.
/// </summary>
/// <remarks>
/// No gaps or forks with writers on several instances: every chaining transaction first locks the workspace's
/// <c>audit_chain_heads</c> row with <c>INSERT … ON CONFLICT (workspace_id) DO UPDATE … RETURNING</c>, which creates a
/// placeholder head (sequence 0) for a workspace's first row and otherwise waits for the row lock and returns the head
/// as the last committer left it (read committed re-reads the newest version). The row is then read, linked after that
/// head and the head moved, all before the commit that releases the lock; so each workspace's rows are chained one at a
/// time, in the order their transactions took the lock. A placeholder head is never committed: the same transaction
/// always moves it to the row it chains.
/// </remarks>
internal static class PostgresAuditChain
{
    public const string ContentColumns =
        "id, workspace_id, connector_id, tool, action, status, error_code, error_message, arguments_json, arguments_hash, approval_id, decision, caller, started_at, finished_at, duration_ms, seq";

    private const int MaxErrorMessageLength = 1000;

    public static async Task<long> InsertStartedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, AuditIntent intent, CancellationToken cancellationToken)
    {
        AuditRecordChecks.Intent(intent);
        return await StoreCommand.Create(connection, transaction,
                """
                INSERT INTO connector_actions (workspace_id, connector_id, tool, action, status, arguments_json, arguments_hash, approval_id, caller, started_at, owner)
                SELECT @workspace_id, @connector_id, @tool, @action, 'started', @arguments_json, @arguments_hash, @approval_id, @caller, @started_at, @owner
                FROM workspaces WHERE id = @workspace_id
                RETURNING id
                """)
            .Bind("workspace_id", intent.WorkspaceId)
            .Bind("connector_id", intent.ConnectorId)
            .Bind("tool", intent.Tool)
            .Bind("action", intent.Action)
            .Bind("arguments_json", intent.ArgumentsJson)
            .Bind("arguments_hash", intent.ArgumentsHash)
            .Bind("approval_id", intent.ApprovalId)
            .Bind("caller", intent.Caller)
            .Bind("started_at", intent.StartedAt)
            .Bind("owner", ProcessOwner.CurrentText)
            .ScalarAsync(cancellationToken) as long? ?? throw NotFound.Workspace(intent.WorkspaceId);
    }

    /// <summary>Makes a started row final and appends it to its workspace's chain.</summary>
    public static async Task CompleteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long rowId, AuditCompletion completion, CancellationToken cancellationToken)
    {
        AuditRecordChecks.Completion(completion);
        var workspaceId = await StoreCommand.Create(connection, transaction, "SELECT workspace_id FROM connector_actions WHERE id = @id")
            .Bind("id", rowId)
            .ScalarAsync(cancellationToken) as string ?? throw NotFound.AuditRow(rowId);
        var head = await LockHeadAsync(connection, transaction, workspaceId, cancellationToken) ?? throw NotFound.AuditRow(rowId);

        // Read under the head lock: a concurrent completion of the same row has committed or not started.
        var started = await StoreCommand.Create(connection, transaction, $"SELECT {ContentColumns} FROM connector_actions WHERE id = @id")
            .Bind("id", rowId)
            .OneAsync(ReadContent, cancellationToken) ?? throw NotFound.AuditRow(rowId);
        if (started.Status != AuditStatus.Started.ToName())
        {
            throw new InvalidStateException($"Audit row {rowId} is already final ({started.Status}); only a started row can be completed.");
        }

        var (final, previousHash, hash) = Chain(started, completion, head);
        await StoreCommand.Create(connection, transaction,
                """
                UPDATE connector_actions
                SET status = @status, error_code = @error_code, error_message = @error_message, approval_id = @approval_id, decision = @decision,
                    finished_at = @finished_at, duration_ms = @duration_ms, seq = @seq, prev_hash = @prev_hash, hash = @hash
                WHERE id = @id AND status = 'started'
                """)
            .Bind("status", final.Status)
            .Bind("error_code", final.ErrorCode)
            .Bind("error_message", final.ErrorMessage)
            .Bind("approval_id", final.ApprovalId)
            .Bind("decision", final.Decision)
            .Bind("finished_at", StorageTime.ParseNullable(final.FinishedAt))
            .Bind("duration_ms", final.DurationMs)
            .Bind("seq", final.Sequence)
            .Bind("prev_hash", previousHash)
            .Bind("hash", hash)
            .Bind("id", rowId)
            .ExecuteAsync(cancellationToken);
        await MoveHeadAsync(connection, transaction, final, hash, cancellationToken);
    }

    /// <summary>
    /// Writes a row that is final at once and appends it to its workspace's chain: lock the head, draw the id from the
    /// table's sequence (the hash covers the id), insert the final row, move the head.
    /// </summary>
    public static async Task<long> RecordAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, AuditIntent intent, AuditCompletion completion, CancellationToken cancellationToken)
    {
        AuditRecordChecks.Intent(intent);
        AuditRecordChecks.Completion(completion);
        var head = await LockHeadAsync(connection, transaction, intent.WorkspaceId, cancellationToken) ?? throw NotFound.Workspace(intent.WorkspaceId);
        var rowId = (long)(await StoreCommand.Create(connection, transaction, "SELECT nextval(pg_get_serial_sequence('connector_actions', 'id'))")
            .ScalarAsync(cancellationToken))!;
        var started = new AuditRowContent(
            rowId, intent.WorkspaceId, intent.ConnectorId, intent.Tool, intent.Action, AuditStatus.Started.ToName(), null, null, intent.ArgumentsJson,
            intent.ArgumentsHash, intent.ApprovalId, null, intent.Caller, StorageTime.ToText(intent.StartedAt), null, null, null);
        var (final, previousHash, hash) = Chain(started, completion, head);
        await StoreCommand.Create(connection, transaction,
                """
                INSERT INTO connector_actions (id, workspace_id, connector_id, tool, action, status, error_code, error_message, arguments_json, arguments_hash,
                    approval_id, decision, caller, started_at, finished_at, duration_ms, seq, prev_hash, hash, owner)
                OVERRIDING SYSTEM VALUE
                VALUES (@id, @workspace_id, @connector_id, @tool, @action, @status, @error_code, @error_message, @arguments_json, @arguments_hash,
                    @approval_id, @decision, @caller, @started_at, @finished_at, @duration_ms, @seq, @prev_hash, @hash, @owner)
                """)
            .Bind("id", rowId)
            .Bind("workspace_id", final.WorkspaceId)
            .Bind("connector_id", final.ConnectorId)
            .Bind("tool", final.Tool)
            .Bind("action", final.Action)
            .Bind("status", final.Status)
            .Bind("error_code", final.ErrorCode)
            .Bind("error_message", final.ErrorMessage)
            .Bind("arguments_json", final.ArgumentsJson)
            .Bind("arguments_hash", final.ArgumentsHash)
            .Bind("approval_id", final.ApprovalId)
            .Bind("decision", final.Decision)
            .Bind("caller", final.Caller)
            .Bind("started_at", StorageTime.Parse(final.StartedAt))
            .Bind("finished_at", StorageTime.ParseNullable(final.FinishedAt))
            .Bind("duration_ms", final.DurationMs)
            .Bind("seq", final.Sequence)
            .Bind("prev_hash", previousHash)
            .Bind("hash", hash)
            .Bind("owner", ProcessOwner.CurrentText)
            .ExecuteAsync(cancellationToken);
        await MoveHeadAsync(connection, transaction, final, hash, cancellationToken);
        return rowId;
    }

    /// <summary>The workspace's chain head (sequence 0 with no rows yet), without locking: for verification.</summary>
    public static Task<(long Sequence, string Hash, long RowId)?> ReadHeadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string workspaceId, CancellationToken cancellationToken) =>
        StoreCommand.Create(connection, transaction, "SELECT seq, hash, row_id FROM audit_chain_heads WHERE workspace_id = @workspace_id AND seq > 0")
            .Bind("workspace_id", workspaceId)
            .OneAsync<(long, string, long)?>(r => (r.GetInt64(0), r.GetString(1), r.GetInt64(2)), cancellationToken);

    public static AuditRowContent ReadContent(NpgsqlDataReader reader) => new(
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
        StartedAt: StorageTime.ToText(reader.GetTime(13)),
        FinishedAt: StorageTime.ToText(reader.GetNullableTime(14)),
        DurationMs: reader.GetNullableInt64(15),
        Sequence: reader.GetNullableInt64(16));

    /// <summary>
    /// Locks the workspace's head row (creating the placeholder for its first row) and returns the head to link after:
    /// <c>(0, genesis)</c> for an empty chain. Null when the workspace does not exist.
    /// </summary>
    private static async Task<(long Sequence, string Hash)?> LockHeadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string workspaceId, CancellationToken cancellationToken) =>
        await StoreCommand.Create(connection, transaction,
                """
                INSERT INTO audit_chain_heads (workspace_id, seq, hash, row_id, updated_at)
                SELECT id, 0, @genesis, 0, now() FROM workspaces WHERE id = @workspace_id
                ON CONFLICT (workspace_id) DO UPDATE SET seq = audit_chain_heads.seq
                RETURNING seq, hash
                """)
            .Bind("genesis", AuditChainHash.Genesis)
            .Bind("workspace_id", workspaceId)
            .OneAsync<(long, string)?>(r => (r.GetInt64(0), r.GetString(1)), cancellationToken);

    private static Task MoveHeadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, AuditRowContent final, string hash, CancellationToken cancellationToken) =>
        StoreCommand.Create(connection, transaction,
                "UPDATE audit_chain_heads SET seq = @seq, hash = @hash, row_id = @row_id, updated_at = @updated_at WHERE workspace_id = @workspace_id")
            .Bind("seq", final.Sequence)
            .Bind("hash", hash)
            .Bind("row_id", final.Id)
            .Bind("updated_at", StorageTime.ParseNullable(final.FinishedAt))
            .Bind("workspace_id", final.WorkspaceId)
            .ExecuteAsync(cancellationToken);

    /// <summary>The started row made final and linked after <paramref name="head"/> (sequence 0: the workspace's first row), with its hash.</summary>
    private static (AuditRowContent Final, string PreviousHash, string Hash) Chain(AuditRowContent started, AuditCompletion completion, (long Sequence, string Hash) head)
    {
        var previousHash = head.Sequence == 0 ? AuditChainHash.Genesis : head.Hash;
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
            Sequence = head.Sequence + 1,
        };
        return (final, previousHash, AuditChainHash.Compute(previousHash, final));
    }
}
