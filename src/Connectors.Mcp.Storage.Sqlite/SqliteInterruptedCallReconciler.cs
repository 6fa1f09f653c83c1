using Connectors.Mcp.Core.Pipeline.Audit;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Core.Storage.Persistence;
using Connectors.Mcp.Storage.Sqlite.Internal;

namespace Connectors.Mcp.Storage.Sqlite;

/// <summary>
/// Makes the <c>started</c> audit rows of dead processes final (<c>failed</c>, <c>interrupted</c>) in one immediate
/// transaction, each chained as it is completed. The owner recorded in each row (machine, pid, process start time) is
/// what tells a dead process from a live one; a row without an owner (written before this column existed) or owned by
/// a live process or another machine is left alone. An approval whose run was interrupted goes from running to failed;
/// then every other claimed approval whose owner is gone or whose lease is over is settled (<see cref="ApprovalClaims"/>):
/// back to approved when its run left no audit row, failed / interrupted otherwise. The count includes the failed ones.
/// </summary>
public sealed class SqliteInterruptedCallReconciler(SqliteDatabase database, TimeProvider time) : IInterruptedCallReconciler
{
    public const string InterruptedMessage = InterruptedRuns.CallOwnerGone;

    public Task<int> ReconcileAsync(CancellationToken cancellationToken) =>
        database.WriteAsync(connection =>
        {
            var orphaned = new List<(long Id, string? ApprovalId)>();
            var checkedOwners = new Dictionary<string, bool>(StringComparer.Ordinal);
            using (var reader = connection.Command("SELECT id, owner, approval_id FROM connector_actions WHERE status = 'started' AND owner IS NOT NULL ORDER BY id;").ExecuteReader())
            {
                while (reader.Read())
                {
                    var owner = reader.GetString(1);
                    if (!checkedOwners.TryGetValue(owner, out var gone))
                    {
                        gone = ProcessOwner.Parse(owner)?.IsGone() ?? false;
                        checkedOwners[owner] = gone;
                    }

                    if (gone)
                    {
                        orphaned.Add((reader.GetInt64(0), reader.GetNullableString(2)));
                    }
                }
            }

            var now = time.GetUtcNow();
            foreach (var (id, approvalId) in orphaned)
            {
                SqliteAuditLog.Complete(connection, id, new AuditCompletion(AuditStatus.Failed, now, AuditCodes.Interrupted, InterruptedMessage, approvalId));
                if (approvalId is not null)
                {
                    // The approved action this row ran for stays claimed (never re-run) and is reported as failed.
                    connection.Command("UPDATE approvals SET status = 'failed', finished_at = $now, error = $error, lease_until = NULL WHERE id = $id AND status = 'running';")
                        .With("$now", StorageTime.ToText(StorageTime.Truncate(now)))
                        .With("$error", $"{ApprovalLease.InterruptedError}: {InterruptedMessage}")
                        .With("$id", approvalId)
                        .Execute();
                }
            }

            // Claims whose run never reached its intent row (or whose lease ran out) have no started row to find above.
            // (One that goes back to approved was not interrupted in the provider's sense: it is not counted.)
            return orphaned.Count + ApprovalClaims.Settle(connection, now, null, null).Count(s => !s.BackToApproved);
        }, cancellationToken);
}
