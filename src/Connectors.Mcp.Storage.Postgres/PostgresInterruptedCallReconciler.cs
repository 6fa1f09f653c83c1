using Connectors.Mcp.Core.Pipeline.Audit;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Core.Storage.Persistence;
using Connectors.Mcp.Storage.Postgres.Internal;

namespace Connectors.Mcp.Storage.Postgres;

/// <summary>
/// Makes the <c>started</c> audit rows of dead processes final (<c>failed</c>, <c>interrupted</c>) in one transaction,
/// each chained as it is completed, as on SQLite. An owner on this machine is judged by its pid
/// (<see cref="ProcessOwner"/>); one on another machine by its liveness lock (<see cref="OwnerLiveness"/>: free once its
/// session ended), so any instance completes the rows of an instance that died on another machine. An approval whose run was
/// interrupted goes from running to failed; then every other claim whose owner is gone or whose lease is over is
/// settled (<see cref="PostgresApprovalClaims"/>). The count includes the failed ones. Two instances reconciling at once
/// complete each row once: completion is conditional on <c>started</c> under the chain head lock.
/// </summary>
public sealed class PostgresInterruptedCallReconciler(PostgresDatabase database, TimeProvider time) : IInterruptedCallReconciler
{
    public Task<int> ReconcileAsync(CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction, ct) =>
        {
            var started = await StoreCommand.Create(connection, transaction,
                    "SELECT id, owner, approval_id FROM connector_actions WHERE status = 'started' AND owner IS NOT NULL ORDER BY id")
                .RowsAsync(r => (Id: r.GetInt64(0), Owner: r.GetString(1), ApprovalId: r.GetNullableString(2)), ct);
            var checkedOwners = new Dictionary<string, bool>(StringComparer.Ordinal);
            var orphaned = new List<(long Id, string? ApprovalId)>();
            foreach (var (id, owner, approvalId) in started)
            {
                if (!checkedOwners.TryGetValue(owner, out var gone))
                {
                    gone = await OwnerLiveness.IsGoneAsync(connection, transaction, owner, ct);
                    checkedOwners[owner] = gone;
                }

                if (gone)
                {
                    orphaned.Add((id, approvalId));
                }
            }

            var now = time.GetUtcNow();
            var completed = 0;
            foreach (var (id, approvalId) in orphaned)
            {
                if (approvalId is not null)
                {
                    // The approval row before the chain head, in the order the approval store takes them (no deadlock with a settlement).
                    await StoreCommand.Create(connection, transaction, "SELECT 1 FROM approvals WHERE id = @id FOR UPDATE").Bind("id", approvalId).ExecuteAsync(ct);
                }

                try
                {
                    await PostgresAuditChain.CompleteAsync(connection, transaction, id,
                        new AuditCompletion(AuditStatus.Failed, now, AuditCodes.Interrupted, InterruptedRuns.CallOwnerGone, approvalId), ct);
                }
                catch (InvalidStateException)
                {
                    continue; // another instance reconciled it first
                }

                completed++;
                if (approvalId is not null)
                {
                    // The approved action this row ran for stays claimed (never re-run) and is reported as failed.
                    await StoreCommand.Create(connection, transaction,
                            "UPDATE approvals SET status = 'failed', finished_at = @now, error = @error, lease_until = NULL WHERE id = @id AND status = 'running'")
                        .Bind("now", now)
                        .Bind("error", $"{ApprovalLease.InterruptedError}: {InterruptedRuns.CallOwnerGone}")
                        .Bind("id", approvalId)
                        .ExecuteAsync(ct);
                }
            }

            // Claims whose run never reached its intent row (or whose lease ran out) have no started row to find above.
            var settled = await PostgresApprovalClaims.SettleAsync(connection, transaction, now, null, null, ct);
            return completed + settled.Count(s => !s.BackToApproved);
        }, cancellationToken);
}
