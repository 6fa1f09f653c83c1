using System.Diagnostics;
using System.Globalization;
using Connectors.Mcp.Core.Pipeline.Audit;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Core.Storage.Persistence;
using Connectors.Mcp.Storage.Tests.Backends;

namespace Connectors.Mcp.Storage.Tests.Contracts;

public abstract class InterruptedCallReconcilerContract(StorageBackend backend)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [SkippableFact]
    public async Task BeginAsync_RecordsThisProcessAsTheOwner()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();

        var rowId = await storage.Audit.BeginAsync(Intent(workspace.Id), None);

        var owner = (string)(await storage.ScalarRawAsync("SELECT owner FROM connector_actions WHERE id = @id;", ("@id", rowId)))!;
        Assert.Equal($"{Environment.MachineName}/{Environment.ProcessId}/", owner[..(owner.LastIndexOf('/') + 1)]);
        Assert.False(ProcessOwner.Parse(owner)!.IsGone());
    }

    [SkippableFact]
    public async Task ReconcileAsync_DeadOwnersRows_BecomeFailedInterruptedAndChained_LiveOnesStay()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var reconciler = storage.Reconciler;
        using var sleeper = Process.Start(new ProcessStartInfo("sleep", "30") { UseShellExecute = false })!;
        try
        {
            var live = ProcessOwner.Parse(ProcessOwnerText(sleeper.Id, new DateTimeOffset(sleeper.StartTime.ToUniversalTime()).ToUnixTimeMilliseconds()))!;
            var mine = await storage.Audit.BeginAsync(Intent(workspace.Id), None);
            var otherLive = await StartedRowOwnedBy(storage, workspace.Id, live.Text);
            var deadPid = await StartedRowOwnedBy(storage, workspace.Id, ProcessOwnerText(int.MaxValue - 1, 1));
            var reusedPid = await StartedRowOwnedBy(storage, workspace.Id, ProcessOwnerText(sleeper.Id, live.StartedAtUnixMs - 60_000));
            var otherMachine = await StartedRowOwnedBy(storage, workspace.Id, $"elsewhere.example/{int.MaxValue - 1}/1");
            await using var otherMachineAlive = await storage.HoldOwnerAliveAsync($"elsewhere.example/{int.MaxValue - 1}/1");
            var legacy = await StartedRowOwnedBy(storage, workspace.Id, null);

            var count = await reconciler.ReconcileAsync(None);

            Assert.Equal(2, count);
            var rows = (await storage.Audit.ListAsync(workspace.Id, 10, None)).ToDictionary(r => r.Id);
            foreach (var id in new[] { deadPid, reusedPid })
            {
                Assert.Equal(AuditStatus.Failed, rows[id].Status);
                Assert.Equal(AuditCodes.Interrupted, rows[id].ErrorCode);
                Assert.NotNull(rows[id].Hash);
            }

            foreach (var id in new[] { mine, otherLive, otherMachine, legacy })
            {
                Assert.Equal(AuditStatus.Started, rows[id].Status);
            }

            var verification = await storage.Audit.VerifyAsync(workspace.Id, None);
            Assert.True(verification.Intact, verification.Problem);
            Assert.Equal(2, verification.RowsChecked);
            Assert.Equal(0, await reconciler.ReconcileAsync(None));
        }
        finally
        {
            sleeper.Kill();
            await sleeper.WaitForExitAsync();
        }
    }

    [SkippableFact]
    public async Task ReconcileAsync_KilledProcess_IsRecognisedAsGone()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        using var sleeper = Process.Start(new ProcessStartInfo("sleep", "30") { UseShellExecute = false })!;
        var owner = ProcessOwnerText(sleeper.Id, new DateTimeOffset(sleeper.StartTime.ToUniversalTime()).ToUnixTimeMilliseconds());
        var rowId = await StartedRowOwnedBy(storage, workspace.Id, owner);
        var reconciler = storage.Reconciler;
        Assert.Equal(0, await reconciler.ReconcileAsync(None));

        sleeper.Kill();
        await sleeper.WaitForExitAsync();

        Assert.Equal(1, await reconciler.ReconcileAsync(None));
        Assert.Equal("interrupted", await storage.ScalarRawAsync("SELECT error_code FROM connector_actions WHERE id = @id;", ("@id", rowId)));
    }

    [SkippableFact]
    public async Task ReconcileAsync_InterruptedApprovedRun_FailsTheApprovalInsteadOfLeavingItRunning()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var connector = await storage.Connectors.AddAsync(workspace.Id, "gmail", "gmail", new Dictionary<string, string>(), None);
        var approval = await storage.Approvals.CreateAsync(
            new NewApproval(workspace.Id, connector.Id, "gmail_send_email", "send_email", "{\"to\":[\"a@b.example\"]}", new string('a', 64), "Send", TimeSpan.FromHours(1)),
            None);
        await storage.Approvals.DecideAsync(approval.Id, true, "tests", null, None);
        Assert.True(await storage.Approvals.TryClaimAsync(approval.Id, None));
        var rowId = await StartedRowOwnedBy(storage, workspace.Id, ProcessOwnerText(int.MaxValue - 1, 1), approval.Id);

        await storage.Reconciler.ReconcileAsync(None);

        var failed = (await storage.Approvals.FindAsync(approval.Id, None))!;
        Assert.Equal(ApprovalStatus.Failed, failed.Status);
        Assert.StartsWith(ApprovalLease.InterruptedError, failed.Error, StringComparison.Ordinal);
        Assert.Equal(approval.Id, await storage.ScalarRawAsync("SELECT approval_id FROM connector_actions WHERE id = @id;", ("@id", rowId)));
    }

    [SkippableFact]
    public async Task ReconcileAsync_ClaimedApprovalOfADeadProcess_WithoutAnIntentRow_GoesBackToApproved()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var approval = await storage.Approvals.CreateAsync(
            new NewApproval(workspace.Id, "con_x", "gmail_send_email", "send_email", "{\"to\":[\"a@b.example\"]}", new string('a', 64), "Send", TimeSpan.FromHours(1)),
            None);
        await storage.Approvals.DecideAsync(approval.Id, true, "tests", null, None);
        Assert.True(await storage.Approvals.TryClaimAsync(approval.Id, None));
        await storage.ExecuteRawAsync("UPDATE approvals SET claim_owner = @owner WHERE id = @id;", ("@owner", ProcessOwnerText(int.MaxValue - 1, 1)), ("@id", approval.Id));

        // Killed between its claim and its intent row: there is no started row for the reconciler to find, only the claim.
        Assert.Equal(0, await storage.Reconciler.ReconcileAsync(None));

        Assert.Equal("approved", await storage.ScalarRawAsync("SELECT status FROM approvals WHERE id = @id;", ("@id", approval.Id)));
    }

    private static string ProcessOwnerText(int pid, long startedAtUnixMs) =>
        string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}/{pid}/{startedAtUnixMs}");

    private static async Task<long> StartedRowOwnedBy(TestStores storage, string workspaceId, string? owner, string? approvalId = null)
    {
        var rowId = await storage.Audit.BeginAsync(Intent(workspaceId) with { ApprovalId = approvalId }, None);
        await storage.ExecuteRawAsync("UPDATE connector_actions SET owner = @owner WHERE id = @id;", ("@owner", owner), ("@id", rowId));
        return rowId;
    }

    private static AuditIntent Intent(string workspaceId) =>
        new(workspaceId, "con_x", "gmail_send_email", "send_email", "{}", "hash", null, "tests", TestStores.Start);
}
