using Connectors.Mcp.Core.Pipeline.Audit;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Core.Storage.Persistence;
using Connectors.Mcp.Storage.Postgres.Internal;
using Connectors.Mcp.Storage.Tests.Backends;

namespace Connectors.Mcp.Storage.Tests.Postgres;

/// <summary>
/// Owners on another machine (PostgreSQL only): alive while their process's session holds its liveness lock, gone
/// once that session has ended — so any instance completes a dead instance's started rows and settles its claims,
/// whatever machine it ran on. (On SQLite another machine's owner always counts as alive; the contracts hold the lock
/// for the cases where it must.)
/// </summary>
public sealed class PostgresOwnerLivenessTests
{
    private const string Remote = "elsewhere.example/4242/1700000000000";
    private static readonly CancellationToken None = CancellationToken.None;

    [SkippableFact]
    public async Task StartedRowOfAnotherMachinesProcess_IsLeftWhileItsSessionLives_AndCompletedOnceItEnds()
    {
        await using var storage = await StorageBackend.Postgres.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var row = await StartedRowOwnedByAsync(storage, workspace.Id, Remote);
        var remote = await storage.HoldOwnerAliveAsync(Remote);

        Assert.Equal(0, await storage.Reconciler.ReconcileAsync(None));
        Assert.Equal("started", await storage.ScalarRawAsync("SELECT status FROM connector_actions WHERE id = @id", ("@id", row)));

        // The process ends (killed, or its machine gone): PostgreSQL ends its session and frees the lock.
        await remote.DisposeAsync();
        await using var other = await storage.OpenAnotherInstanceAsync();

        Assert.Equal(1, await other.Reconciler.ReconcileAsync(None));
        var completed = (await storage.Audit.ListAsync(workspace.Id, 10, None)).Single(r => r.Id == row);
        Assert.Equal(AuditStatus.Failed, completed.Status);
        Assert.Equal(AuditCodes.Interrupted, completed.ErrorCode);
        Assert.True((await storage.Audit.VerifyAsync(workspace.Id, None)).Intact);
    }

    [SkippableFact]
    public async Task ClaimOfADeadProcessOnAnotherMachine_IsSettledBeforeItsLeaseEnds()
    {
        await using var storage = await StorageBackend.Postgres.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var approval = await storage.Approvals.CreateAsync(
            new NewApproval(workspace.Id, "con_x", "gmail_send_email", "send_email", """{"to":["bob@example.com"]}""", new string('b', 64), "Send", TimeSpan.FromHours(1)), None);
        await storage.Approvals.DecideAsync(approval.Id, approve: true, "cli:alice", null, None);
        Assert.True(await storage.Approvals.TryClaimAsync(approval.Id, None));
        await storage.ExecuteRawAsync("UPDATE approvals SET claim_owner = @owner WHERE id = @id", ("@owner", Remote), ("@id", approval.Id));

        // Nothing of its run reached the audit log and its owner is gone: it may run again, on any instance.
        Assert.Equal(ApprovalStatus.Approved, (await storage.Approvals.FindAsync(approval.Id, None))!.Status);
    }

    [SkippableFact]
    public async Task AProcessThatWroteAnIntentRow_HoldsItsLock_SoAnotherInstanceSeesItAlive()
    {
        await using var storage = await StorageBackend.Postgres.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        await storage.Audit.BeginAsync(new AuditIntent(workspace.Id, "con_x", "gmail_send_email", "send_email", "{}", "hash", null, "tests", TestStores.Start), None);

        var free = await storage.ScalarRawAsync(
            $"SELECT pg_try_advisory_xact_lock({OwnerLiveness.KeySql})", ("@owner", ProcessOwner.CurrentText));

        Assert.Equal(false, free);
    }

    private static async Task<long> StartedRowOwnedByAsync(TestStores storage, string workspaceId, string owner)
    {
        var rowId = await storage.Audit.BeginAsync(new AuditIntent(workspaceId, "con_x", "gmail_send_email", "send_email", "{}", "hash", null, "tests", TestStores.Start), None);
        await storage.ExecuteRawAsync("UPDATE connector_actions SET owner = @owner WHERE id = @id", ("@owner", owner), ("@id", rowId));
        return rowId;
    }
}
