using Connectors.Mcp.Core.Pipeline.Audit;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Core.Storage.Persistence;
using Npgsql;

namespace Connectors.Mcp.Storage.Postgres.Internal;

/// <summary>
/// Settles claims of running approvals that can no longer finish: the owning process is gone (on this machine: no such
/// pid, the pid reused, a zombie; <see cref="ProcessOwner"/>; on another machine: its liveness lock is free,
/// <see cref="OwnerLiveness"/>) or the lease is over. Whether anything may have reached the provider is read from the audit log, as on SQLite. Runs inside
/// the caller's transaction and locks each due approval row (<c>SELECT … FOR UPDATE</c>) before changing it, so two
/// instances settling at once settle each claim once and never touch a claim made after it was settled.
/// </summary>
internal static class PostgresApprovalClaims
{
    /// <summary>Whether any running approval in scope is due to be settled (a read; checks owners).</summary>
    public static async Task<bool> AnyDueAsync(NpgsqlConnection connection, DateTimeOffset now, string? approvalId, string? workspaceId, CancellationToken cancellationToken) =>
        (await DueAsync(connection, null, now, approvalId, workspaceId, force: false, cancellationToken)).Count > 0;

    /// <summary>
    /// Settles every due claim in scope; <paramref name="force"/> treats the owner as gone (this process's own run that
    /// ended without an outcome). Returns the settled approvals' ids and whether each went back to approved.
    /// </summary>
    public static async Task<List<(string ApprovalId, bool BackToApproved)>> SettleAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, DateTimeOffset now, string? approvalId, string? workspaceId, CancellationToken cancellationToken, bool force = false)
    {
        var settled = new List<(string, bool)>();
        foreach (var claim in await DueAsync(connection, transaction, now, approvalId, workspaceId, force, cancellationToken))
        {
            var runRows = await RunRowsAsync(connection, transaction, claim, cancellationToken);
            if (runRows.Count == 0 && claim.OwnerGone)
            {
                // Provably nothing was sent: back to approved, and the run's idempotency claim (if any) made stale.
                await StoreCommand.Create(connection, transaction,
                        "UPDATE approvals SET status = 'approved', claimed_at = NULL, claim_owner = NULL, lease_until = NULL, claim_key = NULL WHERE id = @id AND status = 'running'")
                    .Bind("id", claim.ApprovalId)
                    .ExecuteAsync(cancellationToken);
                if (claim.Key is not null)
                {
                    await StoreCommand.Create(connection, transaction,
                            "UPDATE idempotency_keys SET claimed_at = @long_ago WHERE workspace_id = @workspace_id AND key = @key AND status = 'running'")
                        .Bind("long_ago", DateTimeOffset.UnixEpoch)
                        .Bind("workspace_id", claim.WorkspaceId)
                        .Bind("key", claim.Key)
                        .ExecuteAsync(cancellationToken);
                }

                settled.Add((claim.ApprovalId, true));
                continue;
            }

            var message = claim.OwnerGone ? InterruptedRuns.OwnerGone : InterruptedRuns.LeaseLapsed;
            if (claim.OwnerGone)
            {
                foreach (var rowId in runRows.Where(r => r.Started).Select(r => r.Id))
                {
                    await PostgresAuditChain.CompleteAsync(connection, transaction, rowId,
                        new AuditCompletion(AuditStatus.Failed, now, AuditCodes.Interrupted, message, claim.ApprovalId), cancellationToken);
                }
            }

            await StoreCommand.Create(connection, transaction,
                    "UPDATE approvals SET status = 'failed', finished_at = @now, error = @error, lease_until = NULL WHERE id = @id AND status = 'running'")
                .Bind("now", now)
                .Bind("error", $"{ApprovalLease.InterruptedError}: {message}")
                .Bind("id", claim.ApprovalId)
                .ExecuteAsync(cancellationToken);
            settled.Add((claim.ApprovalId, false));
        }

        return settled;
    }

    /// <summary>The due claims; inside a transaction the rows are locked (and re-checked as running once the lock is had).</summary>
    private static async Task<List<DueClaim>> DueAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, DateTimeOffset now, string? approvalId, string? workspaceId, bool force, CancellationToken cancellationToken)
    {
        var claims = await StoreCommand.Create(connection, transaction,
                $"""
                SELECT id, tool, claim_owner, COALESCE(lease_until, claimed_at, created_at), workspace_id, claim_key FROM approvals
                WHERE status = 'running' AND (@id IS NULL OR id = @id) AND (@workspace_id IS NULL OR workspace_id = @workspace_id)
                ORDER BY id{(transaction is null ? "" : " FOR UPDATE")}
                """)
            .Bind("id", approvalId)
            .Bind("workspace_id", workspaceId)
            .RowsAsync(r =>
            {
                var owner = r.GetNullableString(2);
                var leaseUntil = r.GetTime(3);

                // Claims made before leases existed have only claimed_at: their lease is counted from it.
                return (Id: r.GetString(0), Tool: r.GetString(1), Owner: owner, LeaseUntil: owner is null ? leaseUntil + ApprovalLease.Duration : leaseUntil,
                    WorkspaceId: r.GetString(4), Key: r.GetNullableString(5));
            }, cancellationToken);

        var due = new List<DueClaim>();
        var owners = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var (id, tool, owner, leaseUntil, workspace, key) in claims)
        {
            var gone = force;
            if (!gone && owner is not null && !owners.TryGetValue(owner, out gone))
            {
                gone = await OwnerLiveness.IsGoneAsync(connection, transaction, owner, cancellationToken);
                owners[owner] = gone;
            }

            if (gone || leaseUntil <= now)
            {
                due.Add(new DueClaim(id, tool, owner, gone, workspace, key));
            }
        }

        return due;
    }

    /// <summary>The audit rows of this claim's run: its intent row and, if it got that far, the row made final.</summary>
    private static Task<IReadOnlyList<(long Id, bool Started)>> RunRowsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DueClaim claim, CancellationToken cancellationToken) =>
        StoreCommand.Create(connection, transaction,
                """
                SELECT id, status FROM connector_actions
                WHERE approval_id = @id AND tool = @tool AND caller LIKE 'approval:%' AND status <> 'pending_approval'
                  AND (@owner IS NULL OR owner = @owner)
                ORDER BY id
                """)
            .Bind("id", claim.ApprovalId)
            .Bind("tool", claim.Tool)
            .Bind("owner", claim.Owner)
            .RowsAsync(r => (r.GetInt64(0), r.GetString(1) == "started"), cancellationToken);

    private sealed record DueClaim(string ApprovalId, string Tool, string? Owner, bool OwnerGone, string WorkspaceId, string? Key);
}
