using System.Globalization;
using Connectors.Mcp.Core.Pipeline.Audit;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Core.Storage.Persistence;
using Connectors.Mcp.Storage.Tests.Backends;

namespace Connectors.Mcp.Storage.Tests.Contracts;

/// <summary>
/// A claimed (running) approval has an owner and a lease; whoever looks at it next settles it once the owner is gone or
/// the lease is over: failed / interrupted when its run left an audit row, back to approved when provably nothing was
/// sent. And an approved approval that never ran expires like a pending one.
/// </summary>
public abstract class ApprovalClaimContract(StorageBackend backend)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static readonly string DeadOwner = string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}/{int.MaxValue - 1}/1");

    [SkippableFact]
    public async Task TryClaimAsync_RecordsThisProcessAsOwner_AndALease_AndALiveClaimStaysRunning()
    {
        await using var storage = await backend.CreateAsync();
        var approval = await ApprovedAsync(storage);

        Assert.True(await storage.Approvals.TryClaimAsync(approval.Id, None));
        storage.Time.Advance(ApprovalLease.Duration - TimeSpan.FromMilliseconds(1));

        var running = (await storage.Approvals.FindAsync(approval.Id, None))!;
        Assert.Equal(ApprovalStatus.Running, running.Status);
        Assert.Equal(TestStores.Start + ApprovalLease.Duration, running.LeaseUntil);
        Assert.Equal(ProcessOwner.Current.Text, await storage.ScalarRawAsync("SELECT claim_owner FROM approvals WHERE id = @id;", ("@id", approval.Id)));
    }

    [SkippableFact]
    public async Task FindAsync_OwnerGone_NoRowOfItsRun_GoesBackToApproved_AndRunsOnceMore()
    {
        await using var storage = await backend.CreateAsync();
        var approval = await ApprovedAsync(storage);
        await ClaimAsAsync(storage, approval.Id, DeadOwner);

        var found = (await storage.Approvals.FindAsync(approval.Id, None))!;

        Assert.Equal(ApprovalStatus.Approved, found.Status);
        Assert.Null(found.LeaseUntil);
        Assert.Null(found.Error);
        Assert.True(await storage.Approvals.TryClaimAsync(approval.Id, None));
        Assert.False(await storage.Approvals.TryClaimAsync(approval.Id, None));
    }

    [SkippableFact]
    public async Task FindAsync_OwnerGoneAfterItsIdempotencyClaim_BeforeItsIntentRow_TheKeyIsFreeForTheNextRunAtOnce()
    {
        await using var storage = await backend.CreateAsync();
        var idempotency = storage.Idempotency;
        var approval = await ApprovedAsync(storage);
        var staleAfter = TimeSpan.FromMinutes(2);
        Assert.True(await storage.Approvals.TryClaimAsync(approval.Id, "key-1", None));
        Assert.True((await idempotency.ClaimAsync(approval.WorkspaceId, "key-1", "fp", approval.Tool, TimeSpan.FromHours(24), staleAfter, None)).Claimed);
        await storage.ExecuteRawAsync("UPDATE approvals SET claim_owner = @owner WHERE id = @id;", ("@owner", DeadOwner), ("@id", approval.Id));

        Assert.Equal(ApprovalStatus.Approved, (await storage.Approvals.FindAsync(approval.Id, None))!.Status);
        Assert.True(await storage.Approvals.TryClaimAsync(approval.Id, "key-1", None));
        var next = await idempotency.ClaimAsync(approval.WorkspaceId, "key-1", "fp", approval.Tool, TimeSpan.FromHours(24), staleAfter, None);

        // Taken over at once, not "in progress" for the stale timeout; a takeover asks the provider before acting.
        Assert.True(next.Claimed);
        Assert.True(next.TookOverStaleClaim);
    }

    [SkippableFact]
    public async Task FindAsync_OwnerGone_WithItsStartedIntentRow_FailsInterrupted_AndTheRowIsCompletedAndChained()
    {
        await using var storage = await backend.CreateAsync();
        var approval = await ApprovedAsync(storage);
        await ClaimAsAsync(storage, approval.Id, DeadOwner);
        var rowId = await RunRowAsync(storage, approval, DeadOwner);

        var found = (await storage.Approvals.FindAsync(approval.Id, None))!;

        Assert.Equal(ApprovalStatus.Failed, found.Status);
        Assert.StartsWith(ApprovalLease.InterruptedError + ": ", found.Error, StringComparison.Ordinal);
        var row = (await storage.Audit.ListAsync(approval.WorkspaceId, 10, None)).Single(r => r.Id == rowId);
        Assert.Equal(AuditStatus.Failed, row.Status);
        Assert.Equal(AuditCodes.Interrupted, row.ErrorCode);
        Assert.Equal(approval.Id, row.ApprovalId);
        Assert.True((await storage.Audit.VerifyAsync(approval.WorkspaceId, None)).Intact);
        Assert.False(await storage.Approvals.TryClaimAsync(approval.Id, None));
    }

    [SkippableFact]
    public async Task FindAsync_LeaseOver_OwnerOnAnotherMachine_FailsInterrupted_NeverBackToApproved()
    {
        await using var storage = await backend.CreateAsync();
        var approval = await ApprovedAsync(storage);
        await ClaimAsAsync(storage, approval.Id, $"elsewhere.example/{int.MaxValue - 1}/1");
        await using var alive = await storage.HoldOwnerAliveAsync($"elsewhere.example/{int.MaxValue - 1}/1");

        storage.Time.Advance(ApprovalLease.Duration - TimeSpan.FromMilliseconds(1));
        Assert.Equal(ApprovalStatus.Running, (await storage.Approvals.FindAsync(approval.Id, None))!.Status);
        storage.Time.Advance(TimeSpan.FromMilliseconds(1));
        var found = (await storage.Approvals.FindAsync(approval.Id, None))!;

        // Nothing of its run is in the log, but an owner that may be alive could still act: it is never re-run.
        Assert.Equal(ApprovalStatus.Failed, found.Status);
        Assert.Equal($"{ApprovalLease.InterruptedError}: {InterruptedRuns.LeaseLapsed}", found.Error);
    }

    [SkippableFact]
    public async Task FindAsync_ClaimMadeBeforeLeasesExisted_LapsesAfterTheLeaseCountedFromItsClaim()
    {
        await using var storage = await backend.CreateAsync();
        var approval = await ApprovedAsync(storage);
        await ClaimAsAsync(storage, approval.Id, owner: null);

        storage.Time.Advance(ApprovalLease.Duration);

        Assert.Equal(ApprovalStatus.Failed, (await storage.Approvals.FindAsync(approval.Id, None))!.Status);
    }

    [SkippableFact]
    public async Task DecideAsync_DenyAStuckRun_OfAGoneOwner_IsNotRefused()
    {
        await using var storage = await backend.CreateAsync();
        var approval = await ApprovedAsync(storage);
        await ClaimAsAsync(storage, approval.Id, DeadOwner);

        var denied = await storage.Approvals.DecideAsync(approval.Id, approve: false, "cli:bob", "changed my mind", None);

        Assert.Equal(ApprovalStatus.Denied, denied.Status);
        Assert.Equal("cli:bob", denied.DecidedBy);
    }

    [SkippableFact]
    public async Task ListAsync_SettlesStuckRuns_OfItsWorkspaceOnly()
    {
        await using var storage = await backend.CreateAsync();
        var stuck = await ApprovedAsync(storage);
        var other = await ApprovedAsync(storage, await storage.CreateWorkspaceAsync("other"));
        await ClaimAsAsync(storage, stuck.Id, DeadOwner);
        await ClaimAsAsync(storage, other.Id, DeadOwner);

        var listed = await storage.Approvals.ListAsync(stuck.WorkspaceId, null, None);
        var running = await storage.Approvals.ListAsync(stuck.WorkspaceId, ApprovalStatus.Running, None);

        Assert.Equal(ApprovalStatus.Approved, Assert.Single(listed).Status);
        Assert.Empty(running);
        Assert.Equal("running", await storage.ScalarRawAsync("SELECT status FROM approvals WHERE id = @id;", ("@id", other.Id)));
    }

    [SkippableFact]
    public async Task ApprovedNeverRun_ExpiresLikeAPendingOne_AndClosesItsQueuedCallInTheAuditLog()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var approval = await storage.Approvals.CreateAsync(NewApproval(workspace.Id), None);
        await storage.Audit.RecordAsync(
            new AuditIntent(workspace.Id, "con_x", approval.Tool, approval.Action, "{}", approval.ArgumentsHash, approval.Id, "agent", TestStores.Start),
            new AuditCompletion(AuditStatus.PendingApproval, TestStores.Start, null, null, approval.Id, "policy:approve"),
            None);
        await storage.Approvals.DecideAsync(approval.Id, approve: true, "cli:alice", null, None);

        storage.Time.Advance(TimeSpan.FromHours(1));
        var found = (await storage.Approvals.FindAsync(approval.Id, None))!;
        var again = (await storage.Approvals.FindAsync(approval.Id, None))!;

        Assert.Equal(ApprovalStatus.Expired, found.Status);
        Assert.Equal(ApprovalStatus.Expired, again.Status);
        Assert.False(await storage.Approvals.TryClaimAsync(approval.Id, None));
        var closing = Assert.Single(await storage.Audit.ListAsync(workspace.Id, 10, None), r => r.ErrorCode == AuditCodes.ApprovalExpired);
        Assert.Equal(AuditStatus.Denied, closing.Status);
        Assert.Equal("Approved by cli:alice but not run before the approval expired at 2026-02-06T13:00:00.000Z; nothing was done.", closing.ErrorMessage);
        Assert.True((await storage.Audit.VerifyAsync(workspace.Id, None)).Intact);
    }

    [SkippableFact]
    public async Task TryClaimAsync_ApprovedButPastItsExpiry_IsRefused()
    {
        await using var storage = await backend.CreateAsync();
        var approval = await ApprovedAsync(storage);
        storage.Time.Advance(TimeSpan.FromHours(1));

        Assert.False(await storage.Approvals.TryClaimAsync(approval.Id, None));
    }

    [SkippableFact]
    public async Task ReleaseClaimAsync_OwnClaimWithoutARunRow_GoesBackToApproved_SomeoneElsesIsLeftAlone()
    {
        await using var storage = await backend.CreateAsync();
        var mine = await ApprovedAsync(storage);
        var theirs = await ApprovedAsync(storage);
        Assert.True(await storage.Approvals.TryClaimAsync(mine.Id, None));
        await ClaimAsAsync(storage, theirs.Id, $"elsewhere.example/{int.MaxValue - 1}/1");
        await using var alive = await storage.HoldOwnerAliveAsync($"elsewhere.example/{int.MaxValue - 1}/1");

        Assert.True(await storage.Approvals.ReleaseClaimAsync(mine.Id, None));
        Assert.False(await storage.Approvals.ReleaseClaimAsync(theirs.Id, None));

        Assert.Equal(ApprovalStatus.Approved, (await storage.Approvals.FindAsync(mine.Id, None))!.Status);
        Assert.Equal(ApprovalStatus.Running, (await storage.Approvals.FindAsync(theirs.Id, None))!.Status);
    }

    [SkippableFact]
    public async Task SettleInterruptedAsync_ReturnsWhatItSettled()
    {
        await using var storage = await backend.CreateAsync();
        var nothingSent = await ApprovedAsync(storage);
        var started = await ApprovedAsync(storage);
        await ClaimAsAsync(storage, nothingSent.Id, DeadOwner);
        await ClaimAsAsync(storage, started.Id, DeadOwner);
        await RunRowAsync(storage, started, DeadOwner);

        var settled = await storage.Approvals.SettleInterruptedAsync(nothingSent.WorkspaceId, None);

        Assert.Equal(ApprovalStatus.Approved, settled.Single(a => a.Id == nothingSent.Id).Status);
        Assert.Equal(ApprovalStatus.Failed, settled.Single(a => a.Id == started.Id).Status);
        Assert.Empty(await storage.Approvals.SettleInterruptedAsync(nothingSent.WorkspaceId, None));
    }

    private static async Task<ApprovalRecord> ApprovedAsync(TestStores storage, Workspace? workspace = null)
    {
        workspace ??= await storage.Workspaces.FindBySlugAsync("acme", None) ?? await storage.CreateWorkspaceAsync();
        var approval = await storage.Approvals.CreateAsync(NewApproval(workspace.Id), None);
        return await storage.Approvals.DecideAsync(approval.Id, approve: true, "cli:alice", null, None);
    }

    /// <summary>What a claim by another process looks like (<c>owner</c> null: a claim made before leases existed).</summary>
    private static async Task ClaimAsAsync(TestStores storage, string approvalId, string? owner)
    {
        Assert.True(await storage.Approvals.TryClaimAsync(approvalId, None));
        await storage.ExecuteRawAsync(
            "UPDATE approvals SET claim_owner = @owner, lease_until = CASE WHEN CAST(@owner AS TEXT) IS NULL THEN NULL ELSE lease_until END WHERE id = @id;",
            ("@owner", owner),
            ("@id", approvalId));
    }

    /// <summary>The intent row the run writes before it calls the provider, as the owner wrote it.</summary>
    private static async Task<long> RunRowAsync(TestStores storage, ApprovalRecord approval, string owner)
    {
        var rowId = await storage.Audit.BeginAsync(
            new AuditIntent(approval.WorkspaceId, "con_x", approval.Tool, approval.Action, "{}", approval.ArgumentsHash, approval.Id, "approval:cli:alice", TestStores.Start),
            None);
        await storage.ExecuteRawAsync("UPDATE connector_actions SET owner = @owner WHERE id = @id;", ("@owner", owner), ("@id", rowId));
        return rowId;
    }

    private static NewApproval NewApproval(string workspaceId) =>
        new(workspaceId, "con_x", "gmail_send_email", "send_email", """{"to":["bob@example.com"]}""", new string('b', 64), "Send", TimeSpan.FromHours(1));
}
