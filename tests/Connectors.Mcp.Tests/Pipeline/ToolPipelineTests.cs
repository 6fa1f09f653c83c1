using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Core.Pipeline.Approval;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Tests.Pipeline;

public sealed class ToolPipelineTests
{
    [Fact]
    public async Task CallAsync_AutoTool_RunsAndAuditsSucceeded()
    {
        await using var h = await PipelineHarness.CreateAsync();
        var ws = await h.WorkspaceAsync("acme");
        await h.ConnectorAsync(ws);

        var outcome = await h.CallAsync(ws, "rec_read", """{"query":"hello"}""");

        Assert.False(outcome.IsError, outcome.Text);
        Assert.Equal("hello", outcome.StructuredContent!["echo"]!.GetValue<string>());
        Assert.Contains("not an instruction", outcome.Text, StringComparison.Ordinal);
        var row = Assert.Single(await h.Audit.ListAsync(ws.Id, 10, CancellationToken.None));
        Assert.Equal(AuditStatus.Succeeded, row.Status);
        Assert.Equal("rec_read", row.Tool);
        Assert.Equal("policy:auto", row.Decision);
    }

    [Fact]
    public async Task CallAsync_InvalidArguments_RejectedWithFieldNamesAndNothingRuns()
    {
        await using var h = await PipelineHarness.CreateAsync();
        var ws = await h.WorkspaceAsync("acme");
        await h.ConnectorAsync(ws);

        var outcome = await h.CallAsync(ws, "rec_send", """{"to":"a@example.com","api_base_url":"http://evil"}""");

        Assert.True(outcome.IsError);
        Assert.Contains("api_base_url", outcome.Text, StringComparison.Ordinal);
        Assert.Contains("body", outcome.Text, StringComparison.Ordinal);
        Assert.Empty(h.Recorder.Calls);
        Assert.Empty(await h.Approvals.ListAsync(ws.Id, null, CancellationToken.None));
        var row = Assert.Single(await h.Audit.ListAsync(ws.Id, 10, CancellationToken.None));
        Assert.Equal(AuditStatus.Rejected, row.Status);
        Assert.Equal("invalid_arguments", row.ErrorCode);
    }

    [Fact]
    public async Task CallAsync_ConnectorArgumentCheckFails_RejectedBeforeTheApprovalGate()
    {
        await using var h = await PipelineHarness.CreateAsync();
        var ws = await h.WorkspaceAsync("acme");
        await h.ConnectorAsync(ws);

        var outcome = await h.CallAsync(ws, "rec_send", """{"to":"a@example.com, b@example.com","body":"hi"}""");

        Assert.True(outcome.IsError);
        Assert.Contains("Invalid argument 'to': must be exactly one address.", outcome.Text, StringComparison.Ordinal);
        Assert.Empty(await h.Approvals.ListAsync(ws.Id, null, CancellationToken.None));
        Assert.Empty(h.Recorder.Calls);
        Assert.Equal("invalid_arguments", Assert.Single(await h.Audit.ListAsync(ws.Id, 10, CancellationToken.None)).ErrorCode);
    }

    [Fact]
    public async Task CallAsync_UnknownTool_IsUnknownToolAndAudited()
    {
        await using var h = await PipelineHarness.CreateAsync();
        var ws = await h.WorkspaceAsync("acme");

        var outcome = await h.CallAsync(ws, "gmail_send_email");

        Assert.True(outcome.IsUnknownTool);
        Assert.Equal("unknown_tool", Assert.Single(await h.Audit.ListAsync(ws.Id, 10, CancellationToken.None)).ErrorCode);
    }

    [Fact]
    public async Task CallAsync_PastTheRateLimit_RefusedWithRetryAfterAndAudited()
    {
        await using var h = await PipelineHarness.CreateAsync(o => o.CallsPerMinute = 2);
        var ws = await h.WorkspaceAsync("acme");
        await h.ConnectorAsync(ws);

        await h.CallAsync(ws, "rec_read");
        await h.CallAsync(ws, "rec_read");
        var refused = await h.CallAsync(ws, "rec_read");

        Assert.True(refused.IsError);
        Assert.Contains("Retry after", refused.Text, StringComparison.Ordinal);
        Assert.Equal(2, h.Recorder.Calls.Count);
        Assert.Equal(AuditStatus.RateLimited, (await h.Audit.ListAsync(ws.Id, 1, CancellationToken.None))[0].Status);
    }

    [Fact]
    public async Task CallAsync_DenyPolicy_DeniedAndNothingRuns()
    {
        await using var h = await PipelineHarness.CreateAsync();
        var ws = await h.WorkspaceAsync("acme");
        await h.ConnectorAsync(ws);
        await h.Services.GetRequiredService<IPolicyStore>().SetAsync(ws.Id, "rec_read", ApprovalPolicy.Deny, OperatorActor.Cli("test"), CancellationToken.None);

        var outcome = await h.CallAsync(ws, "rec_read");

        Assert.True(outcome.IsError);
        Assert.Contains("policy", outcome.Text, StringComparison.Ordinal);
        Assert.Empty(h.Recorder.Calls);
        Assert.Equal(AuditStatus.Denied, (await h.Audit.ListAsync(ws.Id, 1, CancellationToken.None))[0].Status);
    }

    [Fact]
    public async Task CallAsync_GatedWithoutPrompt_QueuesApprovalBoundToArguments()
    {
        await using var h = await PipelineHarness.CreateAsync();
        var ws = await h.WorkspaceAsync("acme");
        await h.ConnectorAsync(ws);

        var first = await h.CallAsync(ws, "rec_send", """{"to":"bob@example.com","body":"the secret body"}""");
        var again = await h.CallAsync(ws, "rec_send", """{"body":"the secret body","to":"bob@example.com"}""");
        var other = await h.CallAsync(ws, "rec_send", """{"to":"eve@example.com","body":"the secret body"}""");

        Assert.False(first.IsError);
        Assert.Equal("pending_approval", first.StructuredContent!["status"]!.GetValue<string>());
        var id = first.StructuredContent["approval_id"]!.GetValue<string>();
        Assert.Equal(id, again.StructuredContent!["approval_id"]!.GetValue<string>());
        Assert.NotEqual(id, other.StructuredContent!["approval_id"]!.GetValue<string>());
        Assert.Empty(h.Recorder.Calls);
        var rows = await h.Audit.ListAsync(ws.Id, 10, CancellationToken.None);
        Assert.All(rows, r => Assert.Equal(AuditStatus.PendingApproval, r.Status));
        Assert.All(rows, r => Assert.DoesNotContain("the secret body", r.ArgumentsJson, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ApprovedAction_RunsExactlyOnce_HoweverOftenAsked()
    {
        await using var h = await PipelineHarness.CreateAsync();
        var ws = await h.WorkspaceAsync("acme");
        await h.ConnectorAsync(ws);
        var pending = await h.CallAsync(ws, "rec_send", """{"to":"bob@example.com","body":"hi"}""");
        var id = pending.StructuredContent!["approval_id"]!.GetValue<string>();
        await h.Approvals.DecideAsync(id, approve: true, "tester", null, CancellationToken.None);
        var runner = h.Services.GetRequiredService<ApprovedActionRunner>();

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => i % 2 == 0
            ? runner.RunAsync(id, CancellationToken.None)
            : h.CallAsync(ws, "get_approval", $$"""{"approval_id":"{{id}}"}""")));

        Assert.Single(h.Recorder.Calls);
        var final = await h.CallAsync(ws, "get_approval", $$"""{"approval_id":"{{id}}"}""");
        Assert.Equal("succeeded", final.StructuredContent!["status"]!.GetValue<string>());
        Assert.Equal("msg-1", final.StructuredContent["result"]!["id"]!.GetValue<string>());
        Assert.All(results, r => Assert.False(r.IsError, r.Text));
        var executed = (await h.Audit.ListAsync(ws.Id, 100, CancellationToken.None)).Where(r => r.Tool == "rec_send" && r.Status == AuditStatus.Succeeded).ToList();
        Assert.Equal(id, Assert.Single(executed).ApprovalId);
    }

    [Fact]
    public async Task GetApproval_OtherWorkspacesApproval_ReportedAsUnknown()
    {
        await using var h = await PipelineHarness.CreateAsync();
        var acme = await h.WorkspaceAsync("acme");
        var globex = await h.WorkspaceAsync("globex");
        await h.ConnectorAsync(acme);
        var pending = await h.CallAsync(acme, "rec_send", """{"to":"bob@example.com","body":"hi"}""");
        var id = pending.StructuredContent!["approval_id"]!.GetValue<string>();

        var outcome = await h.CallAsync(globex, "get_approval", $$"""{"approval_id":"{{id}}"}""");

        Assert.True(outcome.IsError);
        Assert.Contains("No approval", outcome.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("bob@example.com", outcome.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeniedApproval_NeverRuns()
    {
        await using var h = await PipelineHarness.CreateAsync();
        var ws = await h.WorkspaceAsync("acme");
        await h.ConnectorAsync(ws);
        var id = (await h.CallAsync(ws, "rec_send", """{"to":"bob@example.com","body":"hi"}""")).StructuredContent!["approval_id"]!.GetValue<string>();

        await h.Approvals.DecideAsync(id, approve: false, "tester", "not today", CancellationToken.None);
        var report = await h.Services.GetRequiredService<ApprovedActionRunner>().RunAsync(id, CancellationToken.None);

        Assert.Equal("denied", report.StructuredContent!["status"]!.GetValue<string>());
        Assert.Empty(h.Recorder.Calls);
    }

    [Fact]
    public async Task PendingApproval_AfterLifetime_ReportsExpired()
    {
        await using var h = await PipelineHarness.CreateAsync(o => o.ApprovalLifetime = TimeSpan.FromHours(1));
        var ws = await h.WorkspaceAsync("acme");
        await h.ConnectorAsync(ws);
        var id = (await h.CallAsync(ws, "rec_send", """{"to":"bob@example.com","body":"hi"}""")).StructuredContent!["approval_id"]!.GetValue<string>();

        h.Time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        var report = await h.CallAsync(ws, "get_approval", $$"""{"approval_id":"{{id}}"}""");

        Assert.Equal("expired", report.StructuredContent!["status"]!.GetValue<string>());
        await Assert.ThrowsAsync<InvalidStateException>(() => h.Approvals.DecideAsync(id, true, "late", null, CancellationToken.None));
    }

    [Theory]
    [InlineData(ApprovalPromptAnswer.Accepted, false, 1)]
    [InlineData(ApprovalPromptAnswer.Declined, true, 0)]
    [InlineData(ApprovalPromptAnswer.Cancelled, true, 0)]
    public async Task GatedWithPrompt_AnswerDecides(ApprovalPromptAnswer answer, bool isError, int calls)
    {
        await using var h = await PipelineHarness.CreateAsync();
        var ws = await h.WorkspaceAsync("acme");
        await h.ConnectorAsync(ws);
        await h.ApproversAsync(ws, Approvers.Client);
        var prompt = new ScriptedPrompt(answer);

        var outcome = await h.CallAsync(ws, "rec_send", """{"to":"bob@example.com","body":"Lunch at noon?"}""", prompt);

        Assert.Equal(isError, outcome.IsError);
        Assert.Equal(calls, h.Recorder.Calls.Count);
        Assert.Contains("bob@example.com", prompt.LastSummary, StringComparison.Ordinal);
        Assert.Contains("Lunch at noon?", prompt.LastSummary, StringComparison.Ordinal);
        Assert.Empty(await h.Approvals.ListAsync(ws.Id, null, CancellationToken.None));
        var row = (await h.Audit.ListAsync(ws.Id, 1, CancellationToken.None))[0];
        Assert.Equal(isError ? AuditStatus.Denied : AuditStatus.Succeeded, row.Status);
        Assert.StartsWith("elicitation:", row.Decision, StringComparison.Ordinal);
        Assert.EndsWith(";approvers=client", row.Decision, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GatedWithPromptUnavailable_FallsBackToQueue()
    {
        await using var h = await PipelineHarness.CreateAsync();
        var ws = await h.WorkspaceAsync("acme");
        await h.ConnectorAsync(ws);
        await h.ApproversAsync(ws, Approvers.Client);

        var outcome = await h.CallAsync(ws, "rec_send", """{"to":"bob@example.com","body":"hi"}""", new ScriptedPrompt(ApprovalPromptAnswer.Unavailable));

        Assert.Equal("pending_approval", outcome.StructuredContent!["status"]!.GetValue<string>());
        Assert.Empty(h.Recorder.Calls);
    }

    [Fact]
    public async Task ConnectorWithoutTokens_ToolsListedAndAnswerHowToReconnect()
    {
        await using var h = await PipelineHarness.CreateAsync();
        var ws = await h.WorkspaceAsync("acme");
        var connector = await h.ConnectorAsync(ws, withTokens: false);

        var outcome = await h.CallAsync(ws, "rec_read");

        Assert.Equal(ConnectorStatus.NeedsReauth, connector.Status);
        Assert.True(outcome.IsError);
        Assert.Contains(connector.Id, outcome.Text, StringComparison.Ordinal);
        Assert.Contains("connectors-mcp connector set-token", outcome.Text, StringComparison.Ordinal);
        Assert.Equal("reconnect_required", (await h.Audit.ListAsync(ws.Id, 1, CancellationToken.None))[0].ErrorCode);
    }

    [Fact]
    public async Task ProviderFailures_PastThreshold_PutConnectorInErrorAndHideItsTools()
    {
        await using var h = await PipelineHarness.CreateAsync(o => o.ConnectorErrorThreshold = 2);
        var ws = await h.WorkspaceAsync("acme");
        var connector = await h.ConnectorAsync(ws);
        h.Recorder.Failure = () => new ProviderException("upstream said 500", 500);

        var first = await h.CallAsync(ws, "rec_read");
        await h.CallAsync(ws, "rec_read");
        var afterwards = await h.CallAsync(ws, "rec_read");

        Assert.Contains("upstream said 500", first.Text, StringComparison.Ordinal);
        Assert.Equal(ConnectorStatus.Error, (await h.Services.GetRequiredService<IConnectorStore>().FindAsync(connector.Id, CancellationToken.None))!.Status);
        Assert.True(afterwards.IsUnknownTool);
        var statuses = (await h.Audit.ListAsync(ws.Id, 10, CancellationToken.None)).Select(r => r.ErrorCode).ToList();
        Assert.Equal(["unknown_tool", "provider_error", "provider_error"], statuses);
    }

    [Fact]
    public async Task ConnectorValidationFailure_IsAuditedWithTheValidationStagesCode()
    {
        // One code for "the arguments are wrong, nothing was done", whoever found it (was invalid_argument from a connector).
        await using var h = await PipelineHarness.CreateAsync();
        var ws = await h.WorkspaceAsync("acme");
        await h.ConnectorAsync(ws);
        h.Recorder.Failure = () => new ConnectorValidationException("to", "two addresses in one item");

        var outcome = await h.CallAsync(ws, "rec_read");

        Assert.True(outcome.IsError);
        var row = Assert.Single(await h.Audit.ListAsync(ws.Id, 10, CancellationToken.None));
        Assert.Equal("invalid_arguments", row.ErrorCode);
        Assert.Equal(AuditStatus.Failed, row.Status);
    }

    [Fact]
    public async Task TokenEndpointBackOff_SaysWhenToRetry_AndNeverPutsTheConnectorInError()
    {
        await using var h = await PipelineHarness.CreateAsync(o => o.ConnectorErrorThreshold = 2);
        var ws = await h.WorkspaceAsync("acme");
        var connector = await h.ConnectorAsync(ws);
        h.Recorder.Failure = () => new AuthenticationFailedException("Google's token endpoint is unavailable (HTTP 503).", null, TimeSpan.FromSeconds(4.2));

        var first = await h.CallAsync(ws, "rec_read");
        await h.CallAsync(ws, "rec_read");
        h.Recorder.Failure = () => new RateLimitedException("Refreshing is paused (no request was sent).", TimeSpan.FromSeconds(3));
        var paused = await h.CallAsync(ws, "rec_read");
        await h.CallAsync(ws, "rec_read");

        Assert.Contains("Retry after 5 s.", first.Text, StringComparison.Ordinal);
        Assert.Contains("Retry after 3 s;", paused.Text, StringComparison.Ordinal);
        var after = (await h.Services.GetRequiredService<IConnectorStore>().FindAsync(connector.Id, CancellationToken.None))!;
        Assert.Equal(ConnectorStatus.Active, after.Status);
        Assert.Equal(0, after.ConsecutiveFailures);
        var codes = (await h.Audit.ListAsync(ws.Id, 10, CancellationToken.None)).Select(r => r.ErrorCode).ToList();
        Assert.Equal(["rate_limited", "rate_limited", "authentication_failed", "authentication_failed"], codes);
        Assert.Equal(AuditStatus.RateLimited, (await h.Audit.ListAsync(ws.Id, 1, CancellationToken.None))[0].Status);
    }

    [Fact]
    public async Task AuthenticationFailures_WithoutRetryAfter_StillCountTowardsError()
    {
        await using var h = await PipelineHarness.CreateAsync(o => o.ConnectorErrorThreshold = 2);
        var ws = await h.WorkspaceAsync("acme");
        var connector = await h.ConnectorAsync(ws);
        h.Recorder.Failure = () => new AuthenticationFailedException("Google's token endpoint refused the client (invalid_client).");

        await h.CallAsync(ws, "rec_read");
        await h.CallAsync(ws, "rec_read");

        Assert.Equal(ConnectorStatus.Error, (await h.Services.GetRequiredService<IConnectorStore>().FindAsync(connector.Id, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task UnexpectedException_IsGenericErrorAuditedAsInternal()
    {
        await using var h = await PipelineHarness.CreateAsync();
        var ws = await h.WorkspaceAsync("acme");
        await h.ConnectorAsync(ws);
        h.Recorder.Failure = () => new InvalidOperationException("bug with access-token-value inside");

        var outcome = await h.CallAsync(ws, "rec_read");

        Assert.True(outcome.IsError);
        Assert.DoesNotContain("access-token-value", outcome.Text, StringComparison.Ordinal);
        var row = (await h.Audit.ListAsync(ws.Id, 1, CancellationToken.None))[0];
        Assert.Equal("internal_error", row.ErrorCode);
        Assert.DoesNotContain("access-token-value", row.ErrorMessage ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryKindOfCall_LeavesAnIntactAuditChain()
    {
        await using var h = await PipelineHarness.CreateAsync(o => o.CallsPerMinute = 5);
        var ws = await h.WorkspaceAsync("acme");
        await h.ConnectorAsync(ws);

        await h.CallAsync(ws, "rec_read");
        await h.CallAsync(ws, "nope");
        await h.CallAsync(ws, "rec_read", """{"bad":1}""");
        await h.CallAsync(ws, "rec_send", """{"to":"a@example.com","body":"x"}""");
        await h.CallAsync(ws, "list_connectors");
        await h.CallAsync(ws, "rec_read");
        await h.CallAsync(ws, "rec_read");

        var verification = await h.Audit.VerifyAsync(ws.Id, CancellationToken.None);
        Assert.True(verification.Intact, verification.Problem);
        Assert.Equal(7, verification.RowsChecked);
        Assert.Equal(0, verification.UnfinishedRows);
    }

    [Fact]
    public async Task ListConnectors_ShowsStatusAndTools_ButHidesDisabledTools()
    {
        await using var h = await PipelineHarness.CreateAsync();
        var ws = await h.WorkspaceAsync("acme");
        await h.ConnectorAsync(ws, "work");
        var personal = await h.ConnectorAsync(ws, "personal");
        await h.Services.GetRequiredService<IConnectorStore>().SetEnabledAsync(personal.Id, false, CancellationToken.None);

        var outcome = await h.CallAsync(ws, "list_connectors");

        var connectors = outcome.StructuredContent!["connectors"]!.AsArray();
        Assert.Equal(2, connectors.Count);
        Assert.Equal(["work_read", "work_send"], connectors[0]!["tools"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal("disabled", connectors[1]!["status"]!.GetValue<string>());
        Assert.Empty(connectors[1]!["tools"]!.AsArray());
        Assert.True((await h.CallAsync(ws, "personal_read")).IsUnknownTool);
    }

    private sealed class ScriptedPrompt(ApprovalPromptAnswer answer) : IApprovalPrompt
    {
        public string LastSummary { get; private set; } = "";

        public Task<ApprovalPromptAnswer> AskAsync(string toolName, string summary, CancellationToken cancellationToken)
        {
            LastSummary = summary;
            return Task.FromResult(answer);
        }
    }
}
