using Connectors.Mcp.Core.Pipeline.Approval;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Tests.Pipeline;

/// <summary>
/// Who may approve (issue 9, item 5): under <c>person</c> a client's elicitation answer never decides a gated call; under
/// <c>client</c> it does. The workspace's setting beats the mode's default, reaches a running pipeline through the catalog
/// version, and every row of the approval step says who was allowed to approve.
/// </summary>
public sealed class ApproversPipelineTests
{
    private const string Send = """{"to":"bob@example.com","body":"Wire 10k today."}""";
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Person_AutoAcceptingPromptIsNeverAsked_TheCallIsQueued_AndNothingRuns()
    {
        // The options' own default is person: a host that does not choose never lets the client approve.
        await using var h = await PipelineHarness.CreateAsync();
        var ws = await h.WorkspaceAsync("acme");
        await h.ConnectorAsync(ws);
        var prompt = new AcceptingPrompt();

        var outcome = await h.CallAsync(ws, "rec_send", Send, prompt);

        Assert.Equal(0, prompt.Asked);
        Assert.Equal("pending_approval", outcome.StructuredContent!["status"]!.GetValue<string>());
        Assert.Empty(h.Recorder.Calls);
        var row = Assert.Single(await h.Audit.ListAsync(ws.Id, 10, None));
        Assert.Equal(AuditStatus.PendingApproval, row.Status);
        Assert.Equal("queued;approvers=person", row.Decision);
    }

    [Fact]
    public async Task WorkspacePerson_BeatsAClientDefault()
    {
        await using var h = await PipelineHarness.CreateAsync(o => o.DefaultApprovers = Approvers.Client);
        var ws = await h.WorkspaceAsync("acme");
        await h.ConnectorAsync(ws);
        await h.ApproversAsync(ws, Approvers.Person);
        var prompt = new AcceptingPrompt();

        var outcome = await h.CallAsync(ws, "rec_send", Send, prompt);

        Assert.Equal(0, prompt.Asked);
        Assert.Equal("pending_approval", outcome.StructuredContent!["status"]!.GetValue<string>());
        Assert.Empty(h.Recorder.Calls);
    }

    [Fact]
    public async Task ClientDefault_Unset_AsksTheClient_AndRecordsWhoWasAllowed()
    {
        await using var h = await PipelineHarness.CreateAsync(o => o.DefaultApprovers = Approvers.Client);
        var ws = await h.WorkspaceAsync("acme");
        await h.ConnectorAsync(ws);
        var prompt = new AcceptingPrompt();

        var outcome = await h.CallAsync(ws, "rec_send", Send, prompt);

        Assert.False(outcome.IsError, outcome.Text);
        Assert.Equal(1, prompt.Asked);
        Assert.Single(h.Recorder.Calls);
        var rows = await h.Audit.ListAsync(ws.Id, 10, None);
        Assert.All(rows.Where(r => r.Tool == "rec_send"), r => Assert.Equal("elicitation:accepted;approvers=client", r.Decision));
        Assert.True((await h.Audit.VerifyAsync(ws.Id, None)).Intact);
    }

    [Fact]
    public async Task ChangedInAnotherProcess_AppliesToTheRunningPipelinesNextCall()
    {
        await using var h = await PipelineHarness.CreateAsync(o => o.DefaultApprovers = Approvers.Client);
        var ws = await h.WorkspaceAsync("acme");
        await h.ConnectorAsync(ws);
        var prompt = new AcceptingPrompt();
        Assert.False((await h.CallAsync(ws, "rec_send", Send, prompt)).IsError);

        // As `workspace set-approvers acme person` from the CLI would: another composition root on the same file.
        await using (var cli = await h.SecondProcessAsync())
        {
            await cli.GetRequiredService<IWorkspaceStore>().SetApproversAsync(ws.Id, Approvers.Person, OperatorActor.Cli("test"), None);
        }

        var outcome = await h.CallAsync(ws, "rec_send", """{"to":"bob@example.com","body":"And again."}""", prompt);

        Assert.Equal(1, prompt.Asked);
        Assert.Equal("pending_approval", outcome.StructuredContent!["status"]!.GetValue<string>());
        Assert.Single(h.Recorder.Calls);
    }

    [Fact]
    public async Task Person_ARepeatOfAQueuedCall_IsRecordedWithTheSetting()
    {
        await using var h = await PipelineHarness.CreateAsync();
        var ws = await h.WorkspaceAsync("acme");
        await h.ConnectorAsync(ws);

        await h.CallAsync(ws, "rec_send", Send);
        await h.CallAsync(ws, "rec_send", Send, new AcceptingPrompt());

        Assert.Equal(["queued:existing;approvers=person", "queued;approvers=person"], (await h.Audit.ListAsync(ws.Id, 10, None)).Select(r => r.Decision));
    }

    private sealed class AcceptingPrompt : IApprovalPrompt
    {
        private int _asked;

        public int Asked => _asked;

        public Task<ApprovalPromptAnswer> AskAsync(string toolName, string summary, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _asked);
            return Task.FromResult(ApprovalPromptAnswer.Accepted);
        }
    }
}
