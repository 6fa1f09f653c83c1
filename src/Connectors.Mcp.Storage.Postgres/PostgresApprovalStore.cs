using System.Security.Cryptography;
using Connectors.Mcp.Core.Pipeline.Audit;
using Connectors.Mcp.Core.Security;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Core.Storage.Persistence;
using Connectors.Mcp.Storage.Postgres.Internal;
using Npgsql;

namespace Connectors.Mcp.Storage.Postgres;

/// <summary>
/// The approval queue (<c>approvals</c>) on PostgreSQL, with SQLite's encryption (arguments, summary and result bound to
/// workspace and approval, <see cref="SecretProtector.ApprovalContext"/>) and transitions. Every transition is a
/// conditional <c>UPDATE … WHERE status = …</c> (a row lock, re-checked by read committed after waiting), so however
/// many instances ask, one wins. Reads and decisions settle lapsed claims first (<see cref="PostgresApprovalClaims"/>)
/// and expire what is due. Insertion order is the <c>rowid</c> identity column, as SQLite's rowid.
/// </summary>
public sealed class PostgresApprovalStore(PostgresDatabase database, TimeProvider time, SecretProtector protector) : IApprovalStore
{
    private const string ExpiredCaller = "approval:expired";

    private const string Columns =
        "id, workspace_id, connector_id, tool, action, arguments_encrypted, arguments_hash, summary_encrypted, status, created_at, expires_at, decided_at, decided_by, reason, result_encrypted, error, lease_until";

    /// <summary>The status as reported (needs <c>@now</c>): pending or approved-but-never-run past its expiry is expired.</summary>
    private const string ReportedStatus = "CASE WHEN status IN ('pending', 'approved') AND expires_at <= @now THEN 'expired' ELSE status END";

    private const int MaxTextLength = 1000;

    public async Task<ApprovalRecord> CreateAsync(NewApproval approval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(approval);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(approval.Lifetime, TimeSpan.Zero);
        var id = EntityIds.New(EntityIds.ApprovalPrefix);
        var createdAt = StorageTime.Now(time);
        var record = new ApprovalRecord(
            id, approval.WorkspaceId, approval.ConnectorId, approval.Tool, approval.Action, approval.ArgumentsJson, approval.ArgumentsHash,
            approval.Summary, ApprovalStatus.Pending, createdAt, StorageTime.Truncate(createdAt + approval.Lifetime), null, null, null, null, null);
        var arguments = protector.Protect(approval.ArgumentsJson, SecretContexts.ApprovalArguments(record.WorkspaceId, id));
        var summary = protector.Protect(approval.Summary, SecretContexts.ApprovalSummary(record.WorkspaceId, id));
        var inserted = await database.WriteAsync((connection, transaction, ct) =>
            StoreCommand.Create(connection, transaction,
                    """
                    INSERT INTO approvals (id, workspace_id, connector_id, tool, action, arguments_encrypted, arguments_hash, summary_encrypted, status, created_at, expires_at)
                    SELECT @id, w.id, @connector_id, @tool, @action, @arguments, @arguments_hash, @summary, 'pending', @created_at, @expires_at
                    FROM workspaces w WHERE w.id = @workspace_id
                    """)
                .Bind("id", id)
                .Bind("workspace_id", record.WorkspaceId)
                .Bind("connector_id", record.ConnectorId)
                .Bind("tool", record.Tool)
                .Bind("action", record.Action)
                .Bind("arguments", arguments)
                .Bind("arguments_hash", record.ArgumentsHash)
                .Bind("summary", summary)
                .Bind("created_at", record.CreatedAt)
                .Bind("expires_at", record.ExpiresAt)
                .ExecuteAsync(ct), cancellationToken);
        return inserted == 1 ? record : throw NotFound.Workspace(record.WorkspaceId);
    }

    public async Task<ApprovalRecord?> FindAsync(string approvalId, CancellationToken cancellationToken)
    {
        var now = StorageTime.Now(time);
        var (record, claimDue) = await database.ReadAsync(async (connection, ct) =>
        {
            var found = await ReadOneAsync(connection, null, approvalId, ct);
            return (found, found is { Status: ApprovalStatus.Running } && await PostgresApprovalClaims.AnyDueAsync(connection, now, approvalId, null, ct));
        }, cancellationToken);
        if (claimDue || (record is { Status: ApprovalStatus.Pending or ApprovalStatus.Approved } && record.ExpiresAt <= now))
        {
            // Persist the settlement and the expiry, then read again: whatever won the race is the truth.
            await database.WriteAsync(async (connection, transaction, ct) =>
            {
                await PostgresApprovalClaims.SettleAsync(connection, transaction, now, approvalId, null, ct);
                await ExpireIfDueAsync(connection, transaction, approvalId, now, ct);
            }, cancellationToken);
            record = await database.ReadAsync((connection, ct) => ReadOneAsync(connection, null, approvalId, ct), cancellationToken);
        }

        return record;
    }

    public Task<ApprovalRecord?> FindPendingAsync(string workspaceId, string tool, string argumentsHash, CancellationToken cancellationToken) =>
        database.ReadAsync((connection, ct) =>
            StoreCommand.Create(connection, null,
                    $"""
                    SELECT {Columns} FROM approvals
                    WHERE workspace_id = @workspace_id AND tool = @tool AND arguments_hash = @arguments_hash AND status = 'pending' AND expires_at > @now
                    ORDER BY created_at DESC, rowid DESC LIMIT 1
                    """)
                .Bind("workspace_id", workspaceId)
                .Bind("tool", tool)
                .Bind("arguments_hash", argumentsHash)
                .Bind("now", StorageTime.Now(time))
                .OneAsync(Read, ct), cancellationToken);

    public async Task<IReadOnlyList<ApprovalRecord>> ListAsync(string workspaceId, ApprovalStatus? status, CancellationToken cancellationToken)
    {
        var now = StorageTime.Now(time);
        await SettleAndExpireAsync(workspaceId, now, cancellationToken);
        return await database.ReadAsync((connection, ct) =>
            StoreCommand.Create(connection, null,
                    $"""
                    SELECT {Columns} FROM approvals
                    WHERE workspace_id = @workspace_id AND (@status IS NULL OR status = @status)
                    ORDER BY created_at DESC, rowid DESC
                    """)
                .Bind("workspace_id", workspaceId)
                .Bind("status", status is { } s ? ApprovalStatusNames.ToName(s) : null)
                .RowsAsync(Read, ct), cancellationToken);
    }

    public Task<IReadOnlyList<ApprovalRecord>> SettleInterruptedAsync(string? workspaceId, CancellationToken cancellationToken) =>
        database.WriteAsync<IReadOnlyList<ApprovalRecord>>(async (connection, transaction, ct) =>
        {
            var records = new List<ApprovalRecord>();
            foreach (var (approvalId, _) in await PostgresApprovalClaims.SettleAsync(connection, transaction, StorageTime.Now(time), null, workspaceId, ct))
            {
                records.Add((await ReadOneAsync(connection, transaction, approvalId, ct))!);
            }

            return records;
        }, cancellationToken);

    public async Task<ApprovalRecord> DecideAsync(string approvalId, bool approve, string decidedBy, string? reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(decidedBy);
        var now = StorageTime.Now(time);
        var (record, refusal) = await database.WriteAsync<(ApprovalRecord? Record, string? Refusal)>(async (connection, transaction, ct) =>
        {
            // A claim whose owner is gone or whose lease is over is settled first: a decision never meets a stuck run.
            await PostgresApprovalClaims.SettleAsync(connection, transaction, now, approvalId, null, ct);
            var current = await ReadStateAsync(connection, transaction, approvalId, ct, forUpdate: true) ?? throw NotFound.Approval(approvalId);
            if (current.Status is ApprovalStatus.Pending or ApprovalStatus.Approved && current.ExpiresAt <= now)
            {
                await ExpireIfDueAsync(connection, transaction, approvalId, now, ct);
                return (null, current.Status == ApprovalStatus.Pending
                    ? $"Approval '{approvalId}' expired at {StorageTime.ToText(current.ExpiresAt)} without a decision, so it can no longer be approved or denied; the agent can call the tool again to queue a new one."
                    : $"Approval '{approvalId}' expired at {StorageTime.ToText(current.ExpiresAt)} before its approved call ran, so it will not run; the agent can call the tool again to queue a new one.");
            }

            // An approved call that has not run (or went back to approved after an interrupted run) can still be denied.
            var deniable = !approve && current.Status == ApprovalStatus.Approved;
            if (current.Status != ApprovalStatus.Pending && !deniable)
            {
                return (null, $"Approval '{approvalId}' is already {Describe(current.Status)}; only a pending approval can be approved or denied.");
            }

            await StoreCommand.Create(connection, transaction,
                    "UPDATE approvals SET status = @status, decided_at = @now, decided_by = @decided_by, reason = @reason WHERE id = @id AND status = @from")
                .Bind("from", ApprovalStatusNames.ToName(current.Status))
                .Bind("status", approve ? "approved" : "denied")
                .Bind("now", now)
                .Bind("decided_by", Shorten(decidedBy))
                .Bind("reason", reason is null ? null : Shorten(reason))
                .Bind("id", approvalId)
                .ExecuteAsync(ct);
            return (await ReadOneAsync(connection, transaction, approvalId, ct), null);
        }, cancellationToken);

        return refusal is null ? record! : throw new InvalidStateException(refusal);
    }

    public Task<bool> TryClaimAsync(string approvalId, CancellationToken cancellationToken) => TryClaimAsync(approvalId, null, cancellationToken);

    /// <summary>
    /// Cross-instance guarantee: one conditional <c>UPDATE … WHERE status = 'approved' AND expires_at &gt; now RETURNING</c>;
    /// concurrent claimers queue on the row lock and, re-checking the condition on the row the winner left, find it running.
    /// </summary>
    public async Task<bool> TryClaimAsync(string approvalId, string? idempotencyKey, CancellationToken cancellationToken)
    {
        // The claim names this process as its owner: hold the liveness lock first (Internal.OwnerLiveness).
        await database.Liveness.EnsureHeldAsync(cancellationToken);
        var now = StorageTime.Now(time);
        return await database.WriteAsync(async (connection, transaction, ct) =>
            await StoreCommand.Create(connection, transaction,
                    """
                    UPDATE approvals SET status = 'running', claimed_at = @now, claim_owner = @owner, lease_until = @lease_until, claim_key = @key
                    WHERE id = @id AND status = 'approved' AND expires_at > @now
                    RETURNING id
                    """)
                .Bind("now", now)
                .Bind("owner", ProcessOwner.CurrentText)
                .Bind("key", idempotencyKey)
                .Bind("lease_until", now + ApprovalLease.Duration)
                .Bind("id", approvalId)
                .ScalarAsync(ct) is not null, cancellationToken);
    }

    public Task<bool> ReleaseClaimAsync(string approvalId, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction, ct) =>
        {
            var current = await ReadStateAsync(connection, transaction, approvalId, ct, forUpdate: true);
            if (current is not { Status: ApprovalStatus.Running } || current.Value.ClaimOwner != ProcessOwner.CurrentText)
            {
                return false;
            }

            await PostgresApprovalClaims.SettleAsync(connection, transaction, StorageTime.Now(time), approvalId, null, ct, force: true);
            return true;
        }, cancellationToken);

    public Task CompleteAsync(string approvalId, bool succeeded, string? resultJson, string? error, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction, ct) =>
        {
            var current = await ReadStateAsync(connection, transaction, approvalId, ct, forUpdate: true) ?? throw NotFound.Approval(approvalId);
            if (current.Status != ApprovalStatus.Running)
            {
                throw new InvalidStateException(
                    $"Approval '{approvalId}' is {Describe(current.Status)}, not running; only a claimed approval can be completed.");
            }

            if (current.ClaimOwner is { } owner && owner != ProcessOwner.CurrentText)
            {
                throw new InvalidStateException(
                    $"Approval '{approvalId}' is claimed by another process ({owner}); this process's claim was settled as interrupted meanwhile.");
            }

            await StoreCommand.Create(connection, transaction,
                    "UPDATE approvals SET status = @status, finished_at = @now, result_encrypted = @result, error = @error, lease_until = NULL WHERE id = @id AND status = 'running'")
                .Bind("status", succeeded ? "succeeded" : "failed")
                .Bind("now", StorageTime.Now(time))
                .Bind("result", resultJson is null ? null : protector.Protect(resultJson, SecretContexts.ApprovalResult(current.WorkspaceId, approvalId)))
                .Bind("error", error is null ? null : Shorten(error))
                .Bind("id", approvalId)
                .ExecuteAsync(ct);
        }, cancellationToken);

    /// <summary>
    /// One page, newest first across the asked workspaces: a single read of at most <c>limit + 1</c> rows. A pending
    /// approval found past its expiry is reported, and persisted, as expired through <see cref="FindAsync"/>.
    /// </summary>
    public async Task<ApprovalPage> ListPageAsync(ApprovalPageQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, ApprovalPageQuery.MaxLimit);
        var now = StorageTime.Now(time);
        await SettleAndExpireAsync(query.WorkspaceId, now, cancellationToken);
        var rows = await database.ReadAsync((connection, ct) =>
            StoreCommand.Create(connection, null,
                    $"""
                    SELECT {Columns} FROM approvals
                    WHERE (@workspace_id IS NULL OR workspace_id = @workspace_id)
                      AND (@status IS NULL OR ({ReportedStatus}) = @status)
                      AND (@before_id IS NULL OR (created_at, id) < (SELECT created_at, id FROM approvals WHERE id = @before_id))
                    ORDER BY created_at DESC, id DESC
                    LIMIT @limit
                    """)
                .Bind("workspace_id", query.WorkspaceId)
                .Bind("status", query.Status is { } s ? ApprovalStatusNames.ToName(s) : null)
                .Bind("before_id", query.BeforeId)
                .Bind("now", now)
                .Bind("limit", (long)query.Limit + 1)
                .RowsAsync(Read, ct), cancellationToken);

        var more = rows.Count > query.Limit;
        var page = new List<ApprovalRecord>(Math.Min(rows.Count, query.Limit));
        foreach (var row in rows.Take(query.Limit))
        {
            page.Add(row.Status is ApprovalStatus.Pending or ApprovalStatus.Approved && row.ExpiresAt <= now ? await FindAsync(row.Id, cancellationToken) ?? row : row);
        }

        return new ApprovalPage(page, more ? page[^1].Id : null);
    }

    public Task<IReadOnlyDictionary<string, int>> CountByWorkspaceAsync(ApprovalStatus? status, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyDictionary<string, int>>(async (connection, ct) =>
        {
            var rows = await StoreCommand.Create(connection, null,
                    $"SELECT workspace_id, COUNT(*) FROM approvals WHERE @status IS NULL OR ({ReportedStatus}) = @status GROUP BY workspace_id")
                .Bind("status", status is { } s ? ApprovalStatusNames.ToName(s) : null)
                .Bind("now", StorageTime.Now(time))
                .RowsAsync(r => (r.GetString(0), (int)r.GetInt64(1)), ct);
            return rows.ToDictionary(r => r.Item1, r => r.Item2, StringComparer.Ordinal);
        }, cancellationToken);

    /// <summary>Settles lapsed claims, then expires what is due (of one workspace, or all); writes only when something is due.</summary>
    private async Task SettleAndExpireAsync(string? workspaceId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var due = await database.ReadAsync(async (connection, ct) =>
            await PostgresApprovalClaims.AnyDueAsync(connection, now, null, workspaceId, ct)
            || (await DueForExpiryAsync(connection, null, workspaceId, now, ct)).Count > 0, cancellationToken);
        if (!due)
        {
            return;
        }

        await database.WriteAsync(async (connection, transaction, ct) =>
        {
            await PostgresApprovalClaims.SettleAsync(connection, transaction, now, null, workspaceId, ct);
            foreach (var id in await DueForExpiryAsync(connection, transaction, workspaceId, now, ct))
            {
                await ExpireIfDueAsync(connection, transaction, id, now, ct);
            }
        }, cancellationToken);
    }

    private static Task<IReadOnlyList<string>> DueForExpiryAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string? workspaceId, DateTimeOffset now, CancellationToken cancellationToken) =>
        StoreCommand.Create(connection, transaction,
                "SELECT id FROM approvals WHERE (@workspace_id IS NULL OR workspace_id = @workspace_id) AND status IN ('pending', 'approved') AND expires_at <= @now ORDER BY id")
            .Bind("workspace_id", workspaceId)
            .Bind("now", now)
            .RowsAsync(r => r.GetString(0), cancellationToken);

    /// <summary>
    /// pending or approved (never run) → expired when due, and — in the same transaction, only for the caller whose
    /// conditional update changed the row — the call's final audit row: a copy of its pending_approval row completed as
    /// denied / approval_expired.
    /// </summary>
    private static async Task ExpireIfDueAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string approvalId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var expired = await StoreCommand.Create(connection, transaction,
                """
                UPDATE approvals SET status = 'expired' WHERE id = @id AND status IN ('pending', 'approved') AND expires_at <= @now
                RETURNING expires_at, decided_by
                """)
            .Bind("id", approvalId)
            .Bind("now", now)
            .OneAsync(r => new { ExpiresAt = StorageTime.ToText(r.GetTime(0)), ApprovedBy = r.GetNullableString(1) }, cancellationToken);
        if (expired is null)
        {
            return;
        }

        var intent = await StoreCommand.Create(connection, transaction,
                "SELECT workspace_id, connector_id, tool, action, arguments_json, arguments_hash FROM connector_actions WHERE approval_id = @id AND status = 'pending_approval' ORDER BY id LIMIT 1")
            .Bind("id", approvalId)
            .OneAsync(r => new AuditIntent(r.GetString(0), r.GetNullableString(1), r.GetString(2), r.GetNullableString(3), r.GetString(4), r.GetNullableString(5),
                approvalId, ExpiredCaller, now), cancellationToken);
        if (intent is not null)
        {
            var message = expired.ApprovedBy is null
                ? $"No decision before the approval expired at {expired.ExpiresAt}; nothing was done."
                : $"Approved by {expired.ApprovedBy} but not run before the approval expired at {expired.ExpiresAt}; nothing was done.";
            await PostgresAuditChain.RecordAsync(connection, transaction, intent,
                new AuditCompletion(AuditStatus.Denied, now, AuditCodes.ApprovalExpired, message, approvalId, "expired"), cancellationToken);
        }
    }

    private static Task<(string WorkspaceId, ApprovalStatus Status, DateTimeOffset ExpiresAt, string? ClaimOwner)?> ReadStateAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string approvalId, CancellationToken cancellationToken, bool forUpdate = false) =>
        StoreCommand.Create(connection, transaction,
                $"SELECT workspace_id, status, expires_at, claim_owner FROM approvals WHERE id = @id{(forUpdate ? " FOR UPDATE" : "")}")
            .Bind("id", approvalId)
            .OneAsync<(string, ApprovalStatus, DateTimeOffset, string?)?>(r => (r.GetString(0), ApprovalStatusNames.Parse(r.GetString(1)), r.GetTime(2), r.GetNullableString(3)), cancellationToken);

    private Task<ApprovalRecord?> ReadOneAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string approvalId, CancellationToken cancellationToken) =>
        StoreCommand.Create(connection, transaction, $"SELECT {Columns} FROM approvals WHERE id = @id")
            .Bind("id", approvalId)
            .OneAsync(Read, cancellationToken);

    /// <summary>The row as stored (status not adjusted for expiry), decrypted.</summary>
    private ApprovalRecord Read(NpgsqlDataReader reader)
    {
        var id = reader.GetString(0);
        var workspaceId = reader.GetString(1);
        var result = reader.GetNullableBytes(14);
        return new ApprovalRecord(
            Id: id,
            WorkspaceId: workspaceId,
            ConnectorId: reader.GetString(2),
            Tool: reader.GetString(3),
            Action: reader.GetString(4),
            ArgumentsJson: StoredSecrets.DecryptApprovalText(protector, reader.GetFieldValue<byte[]>(5), SecretContexts.ApprovalArguments(workspaceId, id), id),
            ArgumentsHash: reader.GetString(6),
            Summary: StoredSecrets.DecryptApprovalText(protector, reader.GetFieldValue<byte[]>(7), SecretContexts.ApprovalSummary(workspaceId, id), id),
            Status: ApprovalStatusNames.Parse(reader.GetString(8)),
            CreatedAt: reader.GetTime(9),
            ExpiresAt: reader.GetTime(10),
            DecidedAt: reader.GetNullableTime(11),
            DecidedBy: reader.GetNullableString(12),
            Reason: reader.GetNullableString(13),
            ResultJson: result is null ? null : StoredSecrets.DecryptApprovalText(protector, result, SecretContexts.ApprovalResult(workspaceId, id), id),
            Error: reader.GetNullableString(15))
        {
            LeaseUntil = reader.GetNullableTime(16),
        };
    }

    private static string Describe(ApprovalStatus status) =>
        status == ApprovalStatus.Running ? "approved and running" : ApprovalStatusNames.ToName(status);

    private static string Shorten(string text) => text.Length <= MaxTextLength ? text : text[..MaxTextLength] + "…";
}
