using System.Text.Json;
using Connectors.Mcp.Core.Pipeline;
using Connectors.Mcp.Core.Pipeline.Approval;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Tests.Pipeline;

/// <summary>
/// Once an approved action is claimed, its run is not the caller's: it finishes (or is abandoned at its own bounded
/// timeout and recorded failed) whatever the client does, so the approval never stays running.
/// </summary>
public sealed class ApprovedActionRunnerTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static readonly TimeSpan Bounded = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task GetApproval_ClientCancelsWhileTheApprovedActionRuns_TheRunFinishesAndIsRecorded()
    {
        await using var h = await PipelineHarness.CreateAsync();
        var (ws, id) = await ApprovedSendAsync(h);
        h.Recorder.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var client = new CancellationTokenSource();

        var call = h.Pipeline.CallAsync(GetApproval(ws, id), client.Token);
        await h.Recorder.Holding.Task.WaitAsync(Bounded);
        await client.CancelAsync();
        h.Recorder.Hold.SetResult();
        try
        {
            await call.WaitAsync(Bounded);
        }
        catch (OperationCanceledException)
        {
            // The client went away; whether it still got an answer does not matter.
        }

        var approval = (await h.Approvals.FindAsync(id, None))!;
        Assert.Equal(ApprovalStatus.Succeeded, approval.Status);
        Assert.Single(h.Recorder.Calls);
        var run = Assert.Single(await h.Audit.ListAsync(ws.Id, 20, None), r => r.Tool == "rec_send" && r.Status != AuditStatus.PendingApproval);
        Assert.Equal(AuditStatus.Succeeded, run.Status);
    }

    [Fact]
    public async Task RunAsync_RunOutlivesItsTimeout_IsAbandonedAndRecordedFailed_NotLeftRunning()
    {
        await using var h = await PipelineHarness.CreateAsync();
        var (_, id) = await ApprovedSendAsync(h);
        h.Recorder.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var run = h.Services.GetRequiredService<ApprovedActionRunner>().RunAsync(id, None);
        await h.Recorder.Holding.Task.WaitAsync(Bounded);
        Assert.Equal(ApprovalStatus.Running, (await h.Approvals.FindAsync(id, None))!.Status);
        h.Time.Advance(ApprovalLease.RunTimeout);
        var outcome = await run.WaitAsync(Bounded);

        Assert.True(outcome.IsError);
        Assert.Contains("did not finish within 2 minutes", outcome.Text, StringComparison.Ordinal);
        var approval = (await h.Approvals.FindAsync(id, None))!;
        Assert.Equal(ApprovalStatus.Failed, approval.Status);
        Assert.True(approval.LeaseUntil is null);
        Assert.Empty(h.Recorder.Calls);
    }

    [Fact]
    public async Task RunAsync_RunThrowsBeforeItsIntentRow_TheClaimIsReleasedAtOnce_BackToApproved_AndTheNextRunActsOnce()
    {
        await using var h = await PipelineHarness.CreateAsync();
        var (_, id) = await ApprovedSendAsync(h);
        h.ExecuteRaw("CREATE TRIGGER refuse_run BEFORE INSERT ON connector_actions WHEN NEW.caller LIKE 'approval:%' BEGIN SELECT RAISE(ABORT, 'disk on fire'); END;");

        await Assert.ThrowsAnyAsync<Exception>(() => h.Services.GetRequiredService<ApprovedActionRunner>().RunAsync(id, None));

        // Not left running until its lease ends: provably nothing was sent, so it can run again.
        Assert.Equal(ApprovalStatus.Approved, (await h.Approvals.FindAsync(id, None))!.Status);
        Assert.Empty(h.Recorder.Calls);

        // Its idempotency key (claimed just before the failed intent row) does not answer "in progress" to the next run.
        h.ExecuteRaw("DROP TRIGGER refuse_run;");
        var again = await h.Services.GetRequiredService<ApprovedActionRunner>().RunAsync(id, None);
        Assert.False(again.IsError, again.Text);
        Assert.Single(h.Recorder.Calls);
        Assert.Equal(ApprovalStatus.Succeeded, (await h.Approvals.FindAsync(id, None))!.Status);
    }

    private static async Task<(Workspace Workspace, string ApprovalId)> ApprovedSendAsync(PipelineHarness h)
    {
        var ws = await h.WorkspaceAsync("acme");
        await h.ConnectorAsync(ws);
        var pending = await h.CallAsync(ws, "rec_send", """{"to":"bob@example.com","body":"hi"}""");
        var id = pending.StructuredContent!["approval_id"]!.GetValue<string>();
        await h.Approvals.DecideAsync(id, approve: true, "tester", null, None);
        return (ws, id);
    }

    private static ToolCall GetApproval(Workspace workspace, string approvalId) =>
        new(workspace.Id, "get_approval", JsonDocument.Parse($$"""{"approval_id":"{{approvalId}}"}""").RootElement.Clone(), "tests", null, Core.Catalog.ToolScope.Full);
}
