using System.Text.RegularExpressions;
using Connectors.Mcp.Core.Pipeline.Audit;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Storage.Tests.Backends;

namespace Connectors.Mcp.Storage.Tests.Contracts;

public abstract class ApprovalStoreContract(StorageBackend backend)
{
    private const string Arguments = """{"to":["bob@example.com"],"subject":"Quarterly numbers","body":"CONFIDENTIAL-BODY-TEXT"}""";
    private const string Summary = "Send an email to bob@example.com, subject \"Quarterly numbers\": CONFIDENTIAL-SUMMARY-TEXT";
    private const string ArgumentsHash = "4f2a1c0f9e2b3d4c5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b";
    private static readonly CancellationToken None = CancellationToken.None;

    [SkippableFact]
    public async Task CreateAsync_NewApproval_IsPendingWithExpiryAndReadsBack()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();

        var created = await storage.Approvals.CreateAsync(NewApproval(workspace.Id), None);

        Assert.Matches(new Regex("^apr_[0-9a-z]{24}$"), created.Id);
        Assert.Equal(ApprovalStatus.Pending, created.Status);
        Assert.Equal(TestStores.Start, created.CreatedAt);
        Assert.Equal(TestStores.Start.AddHours(24), created.ExpiresAt);
        Assert.Equal(created, await storage.Approvals.FindAsync(created.Id, None));
    }

    [SkippableFact]
    public async Task CreateAsync_Always_KeepsArgumentsAndSummaryOutOfTheDatabaseFiles()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();

        var created = await storage.Approvals.CreateAsync(NewApproval(workspace.Id), None);

        Assert.False(await storage.ContainsAsync("CONFIDENTIAL-BODY-TEXT"));
        Assert.False(await storage.ContainsAsync("CONFIDENTIAL-SUMMARY-TEXT"));
        Assert.False(await storage.ContainsAsync("bob@example.com"));
        Assert.True(await storage.ContainsAsync(ArgumentsHash)); // the hash is in clear, and the search finds it
        Assert.Equal(Arguments, created.ArgumentsJson);
    }

    [SkippableFact]
    public async Task FindAsync_ArgumentsCopiedFromAnotherApproval_ThrowsInvalidState()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var first = await storage.Approvals.CreateAsync(NewApproval(workspace.Id), None);
        var second = await storage.Approvals.CreateAsync(NewApproval(workspace.Id) with { ArgumentsJson = "{}" }, None);

        await storage.ExecuteRawAsync(
            "UPDATE approvals SET arguments_encrypted = (SELECT arguments_encrypted FROM approvals WHERE id = @first) WHERE id = @second;",
            ("@first", first.Id),
            ("@second", second.Id));

        var error = await Assert.ThrowsAsync<InvalidStateException>(() => storage.Approvals.FindAsync(second.Id, None));
        Assert.Contains(second.Id, error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Lifecycle_ApproveClaimComplete_MovesThroughEachStatus()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var created = await storage.Approvals.CreateAsync(NewApproval(workspace.Id), None);
        storage.Time.Advance(TimeSpan.FromMinutes(3));

        var approved = await storage.Approvals.DecideAsync(created.Id, approve: true, "cli:alice", "looks right", None);
        Assert.Equal(ApprovalStatus.Approved, approved.Status);
        Assert.Equal(TestStores.Start.AddMinutes(3), approved.DecidedAt);
        Assert.Equal("cli:alice", approved.DecidedBy);
        Assert.Equal("looks right", approved.Reason);

        Assert.True(await storage.Approvals.TryClaimAsync(created.Id, None));
        Assert.Equal(ApprovalStatus.Running, (await storage.Approvals.FindAsync(created.Id, None))!.Status);
        Assert.False(await storage.Approvals.TryClaimAsync(created.Id, None));

        await storage.Approvals.CompleteAsync(created.Id, succeeded: true, """{"id":"m1","thread_id":"t1"}""", null, None);
        var done = (await storage.Approvals.FindAsync(created.Id, None))!;
        Assert.Equal(ApprovalStatus.Succeeded, done.Status);
        Assert.Equal("""{"id":"m1","thread_id":"t1"}""", done.ResultJson);
        Assert.Null(done.Error);
    }

    [SkippableFact]
    public async Task CompleteAsync_Failed_RecordsError()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var created = await storage.Approvals.CreateAsync(NewApproval(workspace.Id), None);
        await storage.Approvals.DecideAsync(created.Id, true, "cli", null, None);
        await storage.Approvals.TryClaimAsync(created.Id, None);

        await storage.Approvals.CompleteAsync(created.Id, succeeded: false, null, "Gmail refused the message: 400 invalid To header.", None);

        var failed = (await storage.Approvals.FindAsync(created.Id, None))!;
        Assert.Equal(ApprovalStatus.Failed, failed.Status);
        Assert.Equal("Gmail refused the message: 400 invalid To header.", failed.Error);
        Assert.Null(failed.ResultJson);
    }

    [SkippableFact]
    public async Task DecideAsync_Deny_IsFinalAndCannotBeClaimed()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var created = await storage.Approvals.CreateAsync(NewApproval(workspace.Id), None);

        var denied = await storage.Approvals.DecideAsync(created.Id, approve: false, "cli", "wrong recipient", None);

        Assert.Equal(ApprovalStatus.Denied, denied.Status);
        Assert.False(await storage.Approvals.TryClaimAsync(created.Id, None));
    }

    [SkippableTheory]
    [InlineData(true, "approved")]
    [InlineData(false, "denied")]
    public async Task DecideAsync_AlreadyDecided_ThrowsInvalidStateNamingStatus(bool first, string status)
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var created = await storage.Approvals.CreateAsync(NewApproval(workspace.Id), None);
        await storage.Approvals.DecideAsync(created.Id, first, "cli", null, None);

        // Approving again is refused either way (an approved call that has not run yet can still be denied).
        var error = await Assert.ThrowsAsync<InvalidStateException>(() => storage.Approvals.DecideAsync(created.Id, true, "cli", null, None));

        Assert.Equal($"Approval '{created.Id}' is already {status}; only a pending approval can be approved or denied.", error.Message);
    }

    [SkippableFact]
    public async Task DecideAsync_UnknownId_ThrowsEntityNotFound()
    {
        await using var storage = await backend.CreateAsync();

        var error = await Assert.ThrowsAsync<EntityNotFoundException>(() => storage.Approvals.DecideAsync("apr_missing", true, "cli", null, None));

        Assert.Equal("No approval 'apr_missing'. `connectors-mcp approvals list SLUG` shows the ids.", error.Message);
    }

    [SkippableFact]
    public async Task FindAsync_PastExpiry_ReadsExpiredAndPersistsIt()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var created = await storage.Approvals.CreateAsync(NewApproval(workspace.Id), None);

        storage.Time.Advance(TimeSpan.FromHours(24) - TimeSpan.FromMilliseconds(1));
        Assert.Equal(ApprovalStatus.Pending, (await storage.Approvals.FindAsync(created.Id, None))!.Status);
        storage.Time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(ApprovalStatus.Expired, (await storage.Approvals.FindAsync(created.Id, None))!.Status);
        Assert.Equal("expired", await storage.ScalarRawAsync("SELECT status FROM approvals;"));
    }

    [SkippableFact]
    public async Task DecideAsync_PastExpiry_ThrowsInvalidStateAndPersistsExpired()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var created = await storage.Approvals.CreateAsync(NewApproval(workspace.Id), None);
        storage.Time.Advance(TimeSpan.FromHours(25));

        var error = await Assert.ThrowsAsync<InvalidStateException>(() => storage.Approvals.DecideAsync(created.Id, true, "cli", null, None));

        Assert.Contains("expired", error.Message, StringComparison.Ordinal);
        Assert.Equal("expired", await storage.ScalarRawAsync("SELECT status FROM approvals;"));
        Assert.False(await storage.Approvals.TryClaimAsync(created.Id, None));
    }

    [SkippableFact]
    public async Task ListAsync_StatusFilter_TreatsOverduePendingAsExpired()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var other = await storage.CreateWorkspaceAsync("other");
        var old = await storage.Approvals.CreateAsync(NewApproval(workspace.Id) with { Lifetime = TimeSpan.FromHours(1) }, None);
        storage.Time.Advance(TimeSpan.FromMinutes(1));
        var fresh = await storage.Approvals.CreateAsync(NewApproval(workspace.Id), None);
        storage.Time.Advance(TimeSpan.FromMinutes(1));
        var decided = await storage.Approvals.CreateAsync(NewApproval(workspace.Id), None);
        await storage.Approvals.DecideAsync(decided.Id, false, "cli", null, None);
        await storage.Approvals.CreateAsync(NewApproval(other.Id), None);
        storage.Time.Advance(TimeSpan.FromHours(2));

        var all = await storage.Approvals.ListAsync(workspace.Id, null, None);
        var pending = await storage.Approvals.ListAsync(workspace.Id, ApprovalStatus.Pending, None);
        var expired = await storage.Approvals.ListAsync(workspace.Id, ApprovalStatus.Expired, None);

        Assert.Equal([decided.Id, fresh.Id, old.Id], all.Select(a => a.Id));
        Assert.Equal([ApprovalStatus.Denied, ApprovalStatus.Pending, ApprovalStatus.Expired], all.Select(a => a.Status));
        Assert.Equal([fresh.Id], pending.Select(a => a.Id));
        Assert.Equal([old.Id], expired.Select(a => a.Id));
        Assert.Equal("expired", await storage.ScalarRawAsync("SELECT status FROM approvals WHERE id = @id;", ("@id", old.Id)));
    }

    [SkippableFact]
    public async Task FindPendingAsync_SameToolAndArguments_FindsOnlyLivePendingOne()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var created = await storage.Approvals.CreateAsync(NewApproval(workspace.Id), None);

        Assert.Equal(created.Id, (await storage.Approvals.FindPendingAsync(workspace.Id, "gmail_send_email", ArgumentsHash, None))?.Id);
        Assert.Null(await storage.Approvals.FindPendingAsync(workspace.Id, "gmail_send_email", "other-hash", None));
        Assert.Null(await storage.Approvals.FindPendingAsync(workspace.Id, "gmail_create_draft", ArgumentsHash, None));

        await storage.Approvals.DecideAsync(created.Id, true, "cli", null, None);
        Assert.Null(await storage.Approvals.FindPendingAsync(workspace.Id, "gmail_send_email", ArgumentsHash, None));

        var second = await storage.Approvals.CreateAsync(NewApproval(workspace.Id), None);
        storage.Time.Advance(TimeSpan.FromDays(2));
        Assert.Null(await storage.Approvals.FindPendingAsync(workspace.Id, "gmail_send_email", ArgumentsHash, None));
        Assert.Equal(ApprovalStatus.Expired, (await storage.Approvals.FindAsync(second.Id, None))!.Status);
    }

    [SkippableFact]
    public async Task TryClaimAsync_PendingApproval_ReturnsFalse()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var created = await storage.Approvals.CreateAsync(NewApproval(workspace.Id), None);

        Assert.False(await storage.Approvals.TryClaimAsync(created.Id, None));
        Assert.False(await storage.Approvals.TryClaimAsync("apr_missing", None));
    }

    [SkippableFact]
    public async Task TryClaimAsync_FiftyConcurrentCallersInTwoProcesses_ExactlyOneWins()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var created = await storage.Approvals.CreateAsync(NewApproval(workspace.Id), None);
        await storage.Approvals.DecideAsync(created.Id, true, "cli", null, None);
        var other = (await storage.OpenAnotherInstanceAsync()).Approvals;
        using var start = new ManualResetEventSlim();

        var claims = Enumerable.Range(0, 50).Select(i => Task.Run(() =>
        {
            start.Wait();
            return (i % 2 == 0 ? storage.Approvals : other).TryClaimAsync(created.Id, None);
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(claims);

        Assert.Equal(1, results.Count(won => won));
        Assert.Equal(ApprovalStatus.Running, (await other.FindAsync(created.Id, None))!.Status);
    }

    [SkippableFact]
    public async Task CompleteAsync_NotRunning_ThrowsInvalidState()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var created = await storage.Approvals.CreateAsync(NewApproval(workspace.Id), None);
        await storage.Approvals.DecideAsync(created.Id, true, "cli", null, None);

        var error = await Assert.ThrowsAsync<InvalidStateException>(() => storage.Approvals.CompleteAsync(created.Id, true, "{}", null, None));

        Assert.Contains("is approved, not running", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task CreateAsync_UnknownWorkspace_ThrowsEntityNotFound()
    {
        await using var storage = await backend.CreateAsync();

        await Assert.ThrowsAsync<EntityNotFoundException>(() => storage.Approvals.CreateAsync(NewApproval("ws_missing"), None));
    }

    [SkippableFact]
    public async Task Expiry_ObservedByFind_ClosesTheQueuedCallInTheAuditLog_Once()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var created = await storage.Approvals.CreateAsync(NewApproval(workspace.Id), None);
        await RecordPendingRowAsync(storage, workspace.Id, created.Id);

        storage.Time.Advance(TimeSpan.FromHours(25));
        await storage.Approvals.FindAsync(created.Id, None);
        await storage.Approvals.FindAsync(created.Id, None);
        await storage.Approvals.ListAsync(workspace.Id, null, None);

        var rows = await storage.Audit.ListAsync(workspace.Id, 10, None);
        Assert.Equal([AuditStatus.Denied, AuditStatus.PendingApproval], rows.Select(r => r.Status));
        var closing = rows[0];
        Assert.Equal(AuditCodes.ApprovalExpired, closing.ErrorCode);
        Assert.Equal("expired", closing.Decision);
        Assert.Equal(created.Id, closing.ApprovalId);
        Assert.Equal(rows[1].ArgumentsJson, closing.ArgumentsJson);
        Assert.Equal(rows[1].Tool, closing.Tool);
        Assert.Contains("nothing was done", closing.ErrorMessage, StringComparison.Ordinal);
        Assert.True((await storage.Audit.VerifyAsync(workspace.Id, None)).Intact);
    }

    [SkippableFact]
    public async Task Expiry_ObservedByList_ClosesEveryOverdueCall_AndLeavesPendingOnesAlone()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var first = await storage.Approvals.CreateAsync(NewApproval(workspace.Id), None);
        var second = await storage.Approvals.CreateAsync(NewApproval(workspace.Id) with { ArgumentsJson = "{}" }, None);
        await RecordPendingRowAsync(storage, workspace.Id, first.Id);
        await RecordPendingRowAsync(storage, workspace.Id, second.Id);
        storage.Time.Advance(TimeSpan.FromHours(25));
        var fresh = await storage.Approvals.CreateAsync(NewApproval(workspace.Id) with { ArgumentsJson = """{"a":1}""" }, None);
        await RecordPendingRowAsync(storage, workspace.Id, fresh.Id);

        var listed = await storage.Approvals.ListAsync(workspace.Id, null, None);

        Assert.Equal([ApprovalStatus.Pending, ApprovalStatus.Expired, ApprovalStatus.Expired], listed.Select(a => a.Status));
        var closed = (await storage.Audit.ListAsync(workspace.Id, 10, None)).Where(r => r.ErrorCode == AuditCodes.ApprovalExpired).Select(r => r.ApprovalId).Order().ToList();
        Assert.Equal(new[] { first.Id, second.Id }.Order(), closed);
        Assert.True((await storage.Audit.VerifyAsync(workspace.Id, None)).Intact);
    }

    [SkippableFact]
    public async Task Expiry_ObservedByADecision_ClosesTheCall_AndTheDecisionIsRefused()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var created = await storage.Approvals.CreateAsync(NewApproval(workspace.Id), None);
        await RecordPendingRowAsync(storage, workspace.Id, created.Id);
        storage.Time.Advance(TimeSpan.FromHours(25));

        await Assert.ThrowsAsync<InvalidStateException>(() => storage.Approvals.DecideAsync(created.Id, true, "tester", null, None));

        Assert.Single(await storage.Audit.ListAsync(workspace.Id, 10, None), r => r.ErrorCode == AuditCodes.ApprovalExpired);
    }

    [SkippableFact]
    public async Task Expiry_WithoutAQueuedCallRow_StillExpires_AndWritesNoRow()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var created = await storage.Approvals.CreateAsync(NewApproval(workspace.Id), None);
        storage.Time.Advance(TimeSpan.FromHours(25));

        Assert.Equal(ApprovalStatus.Expired, (await storage.Approvals.FindAsync(created.Id, None))!.Status);
        Assert.Empty(await storage.Audit.ListAsync(workspace.Id, 10, None));
    }

    private static Task<long> RecordPendingRowAsync(TestStores storage, string workspaceId, string approvalId)
    {
        var now = storage.Time.GetUtcNow();
        var intent = new AuditIntent(workspaceId, null, "gmail_send_email", "send_email", """{"to":["bob@example.com"]}""", ArgumentsHash, approvalId, "agent 1.0", now);
        return storage.Audit.RecordAsync(intent, new AuditCompletion(AuditStatus.PendingApproval, now, null, null, approvalId, "queued"), None);
    }

    private static NewApproval NewApproval(string workspaceId) =>
        new(workspaceId, "con_x", "gmail_send_email", "send_email", Arguments, ArgumentsHash, Summary, TimeSpan.FromHours(24));
}
