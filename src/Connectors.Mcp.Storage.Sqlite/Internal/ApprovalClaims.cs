using Connectors.Mcp.Core.Pipeline.Audit;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Core.Storage.Persistence;

namespace Connectors.Mcp.Storage.Sqlite.Internal;

/// <summary>
/// Settles claims of running approvals that can no longer finish: the owning process is gone (no such pid, the pid
/// reused, a zombie) or the lease is over. Whether anything may have reached the provider is read from the audit log:
/// the run writes its intent row (<c>started</c>, caller <c>approval:…</c>, owner = the claimant) before any request,
/// so no such row means nothing was sent. Runs inside the caller's immediate transaction.
/// </summary>
internal static class ApprovalClaims
{
    public const string GoneMessage = InterruptedRuns.OwnerGone;

    public const string LapsedMessage = InterruptedRuns.LeaseLapsed;

    /// <summary>Whether any running approval in scope is due to be settled (a read; checks owners).</summary>
    public static bool AnyDue(PooledConnection connection, DateTimeOffset now, string? approvalId, string? workspaceId) =>
        Due(connection, now, approvalId, workspaceId, force: false).Count > 0;

    /// <summary>
    /// Settles every due claim in scope (one approval, one workspace, or all); <paramref name="force"/> treats the owner
    /// as gone (this process's own run that ended without an outcome). Returns the settled approvals' ids and whether
    /// each went back to approved.
    /// </summary>
    public static List<(string ApprovalId, bool BackToApproved)> Settle(
        PooledConnection connection, DateTimeOffset now, string? approvalId, string? workspaceId, bool force = false)
    {
        var settled = new List<(string, bool)>();
        foreach (var claim in Due(connection, now, approvalId, workspaceId, force))
        {
            var runRows = RunRows(connection, claim);
            if (runRows.Count == 0 && claim.OwnerGone)
            {
                // Provably nothing was sent: the claim is released and the approved action can run (once) again. If the
                // run had claimed its idempotency key (the write just before its intent row), that claim is made stale
                // now, so the next run takes it over — asking the provider first — instead of hearing "in progress".
                connection.Command(
                    "UPDATE approvals SET status = 'approved', claimed_at = NULL, claim_owner = NULL, lease_until = NULL, claim_key = NULL WHERE id = $id AND status = 'running';")
                    .With("$id", claim.ApprovalId)
                    .Execute();
                if (claim.Key is not null)
                {
                    connection.Command(
                        "UPDATE idempotency_keys SET claimed_at = $long_ago WHERE workspace_id = $workspace_id AND key = $key AND status = 'running';")
                        .With("$long_ago", StorageTime.ToText(DateTimeOffset.UnixEpoch))
                        .With("$workspace_id", claim.WorkspaceId)
                        .With("$key", claim.Key)
                        .Execute();
                }

                settled.Add((claim.ApprovalId, true));
                continue;
            }

            var message = claim.OwnerGone ? GoneMessage : LapsedMessage;
            if (claim.OwnerGone)
            {
                foreach (var rowId in runRows.Where(r => r.Started).Select(r => r.Id))
                {
                    SqliteAuditLog.Complete(connection, rowId, new AuditCompletion(AuditStatus.Failed, now, AuditCodes.Interrupted, message, claim.ApprovalId));
                }
            }

            // A started row of an owner that may still be alive is left for it (or for `serve`'s reconciler once it is gone).
            connection.Command("UPDATE approvals SET status = 'failed', finished_at = $now, error = $error, lease_until = NULL WHERE id = $id AND status = 'running';")
                .With("$now", StorageTime.ToText(StorageTime.Truncate(now)))
                .With("$error", $"{ApprovalLease.InterruptedError}: {message}")
                .With("$id", claim.ApprovalId)
                .Execute();
            settled.Add((claim.ApprovalId, false));
        }

        return settled;
    }

    private static List<DueClaim> Due(PooledConnection connection, DateTimeOffset now, string? approvalId, string? workspaceId, bool force)
    {
        var claims = new List<(string Id, string Tool, string? Owner, DateTimeOffset LeaseUntil, string WorkspaceId, string? Key)>();
        using (var reader = connection.Command(
            """
            SELECT id, tool, claim_owner, COALESCE(lease_until, claimed_at, created_at), workspace_id, claim_key FROM approvals
            WHERE status = 'running' AND ($id IS NULL OR id = $id) AND ($workspace_id IS NULL OR workspace_id = $workspace_id);
            """)
            .With("$id", approvalId)
            .With("$workspace_id", workspaceId)
            .ExecuteReader())
        {
            while (reader.Read())
            {
                var owner = reader.GetNullableString(2);
                var leaseUntil = StorageTime.Parse(reader.GetString(3));
                // Claims made before leases existed have only claimed_at: their lease is counted from it.
                claims.Add((reader.GetString(0), reader.GetString(1), owner, owner is null ? leaseUntil + ApprovalLease.Duration : leaseUntil,
                    reader.GetString(4), reader.GetNullableString(5)));
            }
        }

        var due = new List<DueClaim>();
        var owners = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var (id, tool, owner, leaseUntil, workspace, key) in claims)
        {
            var gone = force;
            if (!gone && owner is not null && !owners.TryGetValue(owner, out gone))
            {
                gone = ProcessOwner.Parse(owner)?.IsGone() ?? false;
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
    private static List<(long Id, bool Started)> RunRows(PooledConnection connection, DueClaim claim)
    {
        using var reader = connection.Command(
            """
            SELECT id, status FROM connector_actions
            WHERE approval_id = $id AND tool = $tool AND caller LIKE 'approval:%' AND status <> 'pending_approval'
              AND ($owner IS NULL OR owner = $owner)
            ORDER BY id;
            """)
            .With("$id", claim.ApprovalId)
            .With("$tool", claim.Tool)
            .With("$owner", claim.Owner)
            .ExecuteReader();
        var rows = new List<(long, bool)>();
        while (reader.Read())
        {
            rows.Add((reader.GetInt64(0), reader.GetString(1) == "started"));
        }

        return rows;
    }

    private sealed record DueClaim(string ApprovalId, string Tool, string? Owner, bool OwnerGone, string WorkspaceId, string? Key);
}
