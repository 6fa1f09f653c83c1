using Connectors.Mcp.Core.Pipeline.Approval;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Tests.Pipeline;

/// <summary>
/// An action's arguments are parsed once per call, by its handler, in the validation stage; the connector runs that
/// parse's result (it has no parse of its own to disagree with, and no switch on action names).
/// </summary>
public sealed class ActionParsePipelineTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task AutoCall_ParsesOnce_AndTheConnectorRunsThatParse()
    {
        await using var h = await PipelineHarness.CreateAsync();
        var ws = await h.WorkspaceAsync("acme");
        await h.ConnectorAsync(ws);

        var outcome = await h.CallAsync(ws, "rec_read", """{"query":"hello"}""");

        Assert.False(outcome.IsError, outcome.Text);
        Assert.Equal(1, h.Recorder.Parses);
        Assert.Single(h.Recorder.RanRequests);
    }

    [Fact]
    public async Task WriteApprovedAtThePrompt_ParsesOnce_BeforeTheGate_AndRunsThatParse()
    {
        await using var h = await PipelineHarness.CreateAsync();
        var ws = await h.WorkspaceAsync("acme");
        await h.ConnectorAsync(ws);
        await h.ApproversAsync(ws, Approvers.Client);

        var outcome = await h.CallAsync(ws, "rec_send", """{"to":"bob@example.com","body":"hi"}""", new Prompt(ApprovalPromptAnswer.Accepted));

        Assert.False(outcome.IsError, outcome.Text);
        Assert.Equal(1, h.Recorder.Parses);
        Assert.Single(h.Recorder.RanRequests);
    }

    [Fact]
    public async Task ParseRefusesTheArguments_ParsedOnce_NobodyAsked_NothingRuns()
    {
        await using var h = await PipelineHarness.CreateAsync();
        var ws = await h.WorkspaceAsync("acme");
        await h.ConnectorAsync(ws);
        await h.ApproversAsync(ws, Approvers.Client);
        var prompt = new Prompt(ApprovalPromptAnswer.Accepted);

        var outcome = await h.CallAsync(ws, "rec_send", """{"to":"a@example.com, b@example.com","body":"hi"}""", prompt);

        Assert.True(outcome.IsError);
        Assert.Contains("Invalid argument 'to'", outcome.Text, StringComparison.Ordinal);
        Assert.Equal(1, h.Recorder.Parses);
        Assert.Equal(0, prompt.Asked);
        Assert.Empty(h.Recorder.RanRequests);
    }

    [Fact]
    public async Task QueuedApproval_ParsedOnceWhenCalled_AndOnceWhenItRuns_FromTheStoredArguments()
    {
        await using var h = await PipelineHarness.CreateAsync();
        var ws = await h.WorkspaceAsync("acme");
        await h.ConnectorAsync(ws);
        var pending = await h.CallAsync(ws, "rec_send", """{"to":"bob@example.com","body":"hi"}""");
        var id = pending.StructuredContent!["approval_id"]!.GetValue<string>();
        Assert.Equal(1, h.Recorder.Parses);

        await h.Approvals.DecideAsync(id, approve: true, "tester", null, None);
        var run = await h.Services.GetRequiredService<ApprovedActionRunner>().RunAsync(id, None);

        Assert.False(run.IsError, run.Text);
        Assert.Equal(2, h.Recorder.Parses);
        Assert.Single(h.Recorder.RanRequests);
    }

    private sealed class Prompt(ApprovalPromptAnswer answer) : IApprovalPrompt
    {
        private int _asked;

        public int Asked => _asked;

        public Task<ApprovalPromptAnswer> AskAsync(string toolName, string summary, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _asked);
            return Task.FromResult(answer);
        }
    }
}
