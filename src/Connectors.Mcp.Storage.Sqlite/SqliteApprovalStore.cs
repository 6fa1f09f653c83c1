using System.Security.Cryptography;
using Connectors.Mcp.Core.Pipeline.Audit;
using Connectors.Mcp.Core.Security;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Core.Storage.Persistence;
using Connectors.Mcp.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace Connectors.Mcp.Storage.Sqlite;

/// <summary>
/// The approval queue (<c>approvals</c>). The arguments, the summary and the result are encrypted, bound to the
/// workspace and approval (<see cref="SecretProtector.ApprovalContext"/>, plus a suffix naming the column for the summary
/// and the result so the three cannot be swapped); the arguments' SHA-256 stays in clear. Every transition is a
/// compare-and-set on the status inside an immediate transaction. A claim records its owner (<see cref="ProcessOwner"/>)
/// and lease; reads and decisions settle lapsed claims first (<see cref="ApprovalClaims"/>) and expire what is due.
/// </summary>
public sealed class SqliteApprovalStore(SqliteDatabase database, TimeProvider time, SecretProtector protector) : IApprovalStore
{
    private const string ExpiredCaller = "approval:expired";

    private const string Columns =
        "id, workspace_id, connector_id, tool, action, arguments_encrypted, arguments_hash, summary_encrypted, status, created_at, expires_at, decided_at, decided_by, reason, result_encrypted, error, lease_until";

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
        await database.WriteAsync(connection =>
        {
            WorkspaceRow.Get(connection, record.WorkspaceId);
            connection.Command(
                """
                INSERT INTO approvals (id, workspace_id, connector_id, tool, action, arguments_encrypted, arguments_hash, summary_encrypted, status, created_at, expires_at)
                VALUES ($id, $workspace_id, $connector_id, $tool, $action, $arguments, $arguments_hash, $summary, 'pending', $created_at, $expires_at);
                """)
                .With("$id", id)
                .With("$workspace_id", record.WorkspaceId)
                .With("$connector_id", record.ConnectorId)
                .With("$tool", record.Tool)
                .With("$action", record.Action)
                .With("$arguments", arguments)
                .With("$arguments_hash", record.ArgumentsHash)
                .With("$summary", summary)
                .With("$created_at", StorageTime.ToText(record.CreatedAt))
                .With("$expires_at", StorageTime.ToText(record.ExpiresAt))
                .Execute();
        }, cancellationToken);
        return record;
    }

    public async Task<ApprovalRecord?> FindAsync(string approvalId, CancellationToken cancellationToken)
    {
        var now = StorageTime.Now(time);
        var (record, claimDue) = await database.ReadAsync(connection =>
        {
            var found = ReadOne(connection, approvalId);
            return (found, found is { Status: ApprovalStatus.Running } && ApprovalClaims.AnyDue(connection, now, approvalId, null));
        }, cancellationToken);
        if (claimDue || (record is { Status: ApprovalStatus.Pending or ApprovalStatus.Approved } && record.ExpiresAt <= now))
        {
            // Persist the settlement and the expiry, then read again: whatever won the race is the truth.
            await database.WriteAsync(connection =>
            {
                ApprovalClaims.Settle(connection, now, approvalId, null);
                ExpireIfDue(connection, approvalId, now);
            }, cancellationToken);
            record = await database.ReadAsync(connection => ReadOne(connection, approvalId), cancellationToken);
        }

        return record;
    }

    public Task<ApprovalRecord?> FindPendingAsync(string workspaceId, string tool, string argumentsHash, CancellationToken cancellationToken) =>
        database.ReadAsync(connection =>
        {
            using var reader = connection.Command(
                $"""
                SELECT {Columns} FROM approvals
                WHERE workspace_id = $workspace_id AND tool = $tool AND arguments_hash = $arguments_hash AND status = 'pending' AND expires_at > $now
                ORDER BY created_at DESC, rowid DESC LIMIT 1;
                """)
                .With("$workspace_id", workspaceId)
                .With("$tool", tool)
                .With("$arguments_hash", argumentsHash)
                .With("$now", StorageTime.ToText(StorageTime.Now(time)))
                .ExecuteReader();
            return reader.Read() ? Read(reader) : null;
        }, cancellationToken);

    public async Task<IReadOnlyList<ApprovalRecord>> ListAsync(string workspaceId, ApprovalStatus? status, CancellationToken cancellationToken)
    {
        var now = StorageTime.Now(time);
        await SettleAndExpireAsync(workspaceId, now, cancellationToken);
        return await database.ReadAsync(connection =>
        {
            using var reader = connection.Command(
                $"""
                SELECT {Columns} FROM approvals
                WHERE workspace_id = $workspace_id AND ($status IS NULL OR status = $status)
                ORDER BY created_at DESC, rowid DESC;
                """)
                .With("$workspace_id", workspaceId)
                .With("$status", status is { } s ? ApprovalStatusNames.ToName(s) : null)
                .ExecuteReader();
            var list = new List<ApprovalRecord>();
            while (reader.Read())
            {
                list.Add(Read(reader));
            }

            return list;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<ApprovalRecord>> SettleInterruptedAsync(string? workspaceId, CancellationToken cancellationToken) =>
        database.WriteAsync<IReadOnlyList<ApprovalRecord>>(connection =>
            ApprovalClaims.Settle(connection, StorageTime.Now(time), null, workspaceId)
                .Select(s => ReadOne(connection, s.ApprovalId)!)
                .ToList(), cancellationToken);

    /// <summary>
    /// What every listing does first (of one workspace, or of all when <paramref name="workspaceId"/> is null), so what it
    /// reads is the truth: settles lapsed claims, then expires pending and approved-but-never-run approvals past their
    /// expiry (each with its final audit row). Writes only when something is due.
    /// </summary>
    private async Task SettleAndExpireAsync(string? workspaceId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var due = await database.ReadAsync(connection =>
            ApprovalClaims.AnyDue(connection, now, null, workspaceId) || DueForExpiry(connection, workspaceId, now).Count > 0, cancellationToken);
        if (!due)
        {
            return;
        }

        await database.WriteAsync(connection =>
        {
            ApprovalClaims.Settle(connection, now, null, workspaceId);
            foreach (var id in DueForExpiry(connection, workspaceId, now))
            {
                ExpireIfDue(connection, id, now);
            }
        }, cancellationToken);
    }

    private static List<string> DueForExpiry(PooledConnection connection, string? workspaceId, DateTimeOffset now)
    {
        using var reader = connection.Command(
            "SELECT id FROM approvals WHERE ($workspace_id IS NULL OR workspace_id = $workspace_id) AND status IN ('pending', 'approved') AND expires_at <= $now;")
            .With("$workspace_id", workspaceId)
            .With("$now", StorageTime.ToText(now))
            .ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    public async Task<ApprovalRecord> DecideAsync(string approvalId, bool approve, string decidedBy, string? reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(decidedBy);
        var now = StorageTime.Now(time);
        var (record, refusal) = await database.WriteAsync<(ApprovalRecord? Record, string? Refusal)>(connection =>
        {
            // A claim whose owner is gone or whose lease is over is settled first: a decision never meets a stuck run.
            ApprovalClaims.Settle(connection, now, approvalId, null);
            var current = ReadState(connection, approvalId) ?? throw NotFound.Approval(approvalId);
            if (current.Status is ApprovalStatus.Pending or ApprovalStatus.Approved && current.ExpiresAt <= now)
            {
                ExpireIfDue(connection, approvalId, now);
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

            connection.Command(
                "UPDATE approvals SET status = $status, decided_at = $now, decided_by = $decided_by, reason = $reason WHERE id = $id AND status = $from;")
                .With("$from", ApprovalStatusNames.ToName(current.Status))
                .With("$status", approve ? "approved" : "denied")
                .With("$now", StorageTime.ToText(now))
                .With("$decided_by", Shorten(decidedBy))
                .With("$reason", reason is null ? null : Shorten(reason))
                .With("$id", approvalId)
                .Execute();
            return (ReadOne(connection, approvalId), null);
        }, cancellationToken);

        return refusal is null ? record! : throw new InvalidStateException(refusal);
    }

    public Task<bool> TryClaimAsync(string approvalId, CancellationToken cancellationToken) => TryClaimAsync(approvalId, null, cancellationToken);

    public Task<bool> TryClaimAsync(string approvalId, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var now = StorageTime.Now(time);
        return database.WriteAsync(connection =>
            connection.Command(
                """
                UPDATE approvals SET status = 'running', claimed_at = $now, claim_owner = $owner, lease_until = $lease_until, claim_key = $key
                WHERE id = $id AND status = 'approved' AND expires_at > $now;
                """)
                .With("$now", StorageTime.ToText(now))
                .With("$owner", ProcessOwner.CurrentText)
                .With("$key", idempotencyKey)
                .With("$lease_until", StorageTime.ToText(now + ApprovalLease.Duration))
                .With("$id", approvalId)
                .Execute() == 1, cancellationToken);
    }

    public Task<bool> ReleaseClaimAsync(string approvalId, CancellationToken cancellationToken) =>
        database.WriteAsync(connection =>
        {
            var current = ReadState(connection, approvalId);
            if (current is not { Status: ApprovalStatus.Running } || current.Value.ClaimOwner != ProcessOwner.CurrentText)
            {
                return false;
            }

            ApprovalClaims.Settle(connection, StorageTime.Now(time), approvalId, null, force: true);
            return true;
        }, cancellationToken);

    public Task CompleteAsync(string approvalId, bool succeeded, string? resultJson, string? error, CancellationToken cancellationToken) =>
        database.WriteAsync(connection =>
        {
            var current = ReadState(connection, approvalId) ?? throw NotFound.Approval(approvalId);
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

            connection.Command(
                "UPDATE approvals SET status = $status, finished_at = $now, result_encrypted = $result, error = $error, lease_until = NULL WHERE id = $id AND status = 'running';")
                .With("$status", succeeded ? "succeeded" : "failed")
                .With("$now", StorageTime.ToText(StorageTime.Now(time)))
                .With("$result", resultJson is null ? null : protector.Protect(resultJson, SecretContexts.ApprovalResult(current.WorkspaceId, approvalId)))
                .With("$error", error is null ? null : Shorten(error))
                .With("$id", approvalId)
                .Execute();
        }, cancellationToken);

    private static string Describe(ApprovalStatus status) =>
        status == ApprovalStatus.Running ? "approved and running" : ApprovalStatusNames.ToName(status);

    private static string Shorten(string text) => text.Length <= MaxTextLength ? text : text[..MaxTextLength] + "…";

    /// <summary>
    /// pending or approved (never run) → expired when due, and — in the same transaction, only for the caller that made
    /// the change — the call's final audit row: a copy of its pending_approval row (already redacted) completed as
    /// denied / approval_expired, so the audit log says what became of every queued call. Expiry is persisted when first
    /// observed (any read of the approval or of its workspace's list, or a decision attempt).
    /// </summary>
    private static void ExpireIfDue(PooledConnection connection, string approvalId, DateTimeOffset now)
    {
        string? expiresAt, approvedBy;
        using (var expired = connection.Command(
            """
            UPDATE approvals SET status = 'expired' WHERE id = $id AND status IN ('pending', 'approved') AND expires_at <= $now
            RETURNING expires_at, decided_by;
            """)
            .With("$id", approvalId)
            .With("$now", StorageTime.ToText(now))
            .ExecuteReader())
        {
            if (!expired.Read())
            {
                return;
            }

            (expiresAt, approvedBy) = (expired.GetString(0), expired.GetNullableString(1));
        }

        AuditIntent? intent;
        using (var reader = connection.Command(
            "SELECT workspace_id, connector_id, tool, action, arguments_json, arguments_hash FROM connector_actions WHERE approval_id = $id AND status = 'pending_approval' ORDER BY id LIMIT 1;")
            .With("$id", approvalId)
            .ExecuteReader())
        {
            intent = reader.Read()
                ? new AuditIntent(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5), approvalId, ExpiredCaller, now)
                : null;
        }

        if (intent is not null)
        {
            var message = approvedBy is null
                ? $"No decision before the approval expired at {expiresAt}; nothing was done."
                : $"Approved by {approvedBy} but not run before the approval expired at {expiresAt}; nothing was done.";
            SqliteAuditLog.Record(connection, intent, new AuditCompletion(AuditStatus.Denied, now, AuditCodes.ApprovalExpired, message, approvalId, "expired"));
        }
    }

    private static (string WorkspaceId, ApprovalStatus Status, DateTimeOffset ExpiresAt, string? ClaimOwner)? ReadState(PooledConnection connection, string approvalId)
    {
        using var reader = connection.Command("SELECT workspace_id, status, expires_at, claim_owner FROM approvals WHERE id = $id;").With("$id", approvalId).ExecuteReader();
        return reader.Read()
            ? (reader.GetString(0), ApprovalStatusNames.Parse(reader.GetString(1)), StorageTime.Parse(reader.GetString(2)), reader.GetNullableString(3))
            : null;
    }

    private ApprovalRecord? ReadOne(PooledConnection connection, string approvalId)
    {
        using var reader = connection.Command($"SELECT {Columns} FROM approvals WHERE id = $id;").With("$id", approvalId).ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    /// <summary>The row as stored (status not adjusted for expiry), decrypted.</summary>
    private ApprovalRecord Read(SqliteDataReader reader)
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
            ArgumentsJson: StoredSecrets.DecryptApprovalText(protector, (byte[])reader.GetValue(5), SecretContexts.ApprovalArguments(workspaceId, id), id),
            ArgumentsHash: reader.GetString(6),
            Summary: StoredSecrets.DecryptApprovalText(protector, (byte[])reader.GetValue(7), SecretContexts.ApprovalSummary(workspaceId, id), id),
            Status: ApprovalStatusNames.Parse(reader.GetString(8)),
            CreatedAt: StorageTime.Parse(reader.GetString(9)),
            ExpiresAt: StorageTime.Parse(reader.GetString(10)),
            DecidedAt: StorageTime.ParseNullable(reader.GetNullableString(11)),
            DecidedBy: reader.GetNullableString(12),
            Reason: reader.GetNullableString(13),
            ResultJson: result is null ? null : StoredSecrets.DecryptApprovalText(protector, result, SecretContexts.ApprovalResult(workspaceId, id), id),
            Error: reader.GetNullableString(15))
        {
            LeaseUntil = StorageTime.ParseNullable(reader.GetNullableString(16)),
        };
    }

    /// <summary>
    /// One page, newest first across the asked workspaces: a single read of at most <c>limit + 1</c> rows (the extra one
    /// only says whether another page follows). A pending approval found past its expiry is reported, and persisted,
    /// as expired through <see cref="FindAsync"/>.
    /// </summary>
    public async Task<ApprovalPage> ListPageAsync(ApprovalPageQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, ApprovalPageQuery.MaxLimit);
        var now = StorageTime.Now(time);
        await SettleAndExpireAsync(query.WorkspaceId, now, cancellationToken);
        var rows = await database.ReadAsync(connection =>
        {
            using var reader = connection.Command(
                $"""
                SELECT {Columns} FROM approvals
                WHERE ($workspace_id IS NULL OR workspace_id = $workspace_id)
                  AND ($status IS NULL OR ({ApprovalStatusSql.Reported}) = $status)
                  AND ($before_id IS NULL OR (created_at, id) < (SELECT created_at, id FROM approvals WHERE id = $before_id))
                ORDER BY created_at DESC, id DESC
                LIMIT $limit;
                """)
                .With("$workspace_id", query.WorkspaceId)
                .With("$status", query.Status is { } s ? ApprovalStatusNames.ToName(s) : null)
                .With("$before_id", query.BeforeId)
                .With("$now", StorageTime.ToText(now))
                .With("$limit", query.Limit + 1)
                .ExecuteReader();
            var list = new List<ApprovalRecord>();
            while (reader.Read())
            {
                list.Add(Read(reader));
            }

            return list;
        }, cancellationToken);

        var more = rows.Count > query.Limit;
        var page = new List<ApprovalRecord>(Math.Min(rows.Count, query.Limit));
        foreach (var row in rows.Take(query.Limit))
        {
            page.Add(row.Status is ApprovalStatus.Pending or ApprovalStatus.Approved && row.ExpiresAt <= now ? await FindAsync(row.Id, cancellationToken) ?? row : row);
        }

        return new ApprovalPage(page, more ? page[^1].Id : null);
    }

    public Task<IReadOnlyDictionary<string, int>> CountByWorkspaceAsync(ApprovalStatus? status, CancellationToken cancellationToken)
    {
        var now = StorageTime.ToText(StorageTime.Now(time));
        return database.ReadAsync<IReadOnlyDictionary<string, int>>(connection =>
        {
            using var reader = connection.Command(
                $"""
                SELECT workspace_id, COUNT(*) FROM approvals
                WHERE $status IS NULL OR ({ApprovalStatusSql.Reported}) = $status
                GROUP BY workspace_id;
                """)
                .With("$status", status is { } s ? ApprovalStatusNames.ToName(s) : null)
                .With("$now", now)
                .ExecuteReader();
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            while (reader.Read())
            {
                counts[reader.GetString(0)] = reader.GetInt32(1);
            }

            return counts;
        }, cancellationToken);
    }
}
