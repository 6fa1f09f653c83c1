using Connectors.Mcp.Core.Catalog;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Pipeline.Approval;
using Connectors.Mcp.Core.Pipeline.Approval.Rules;
using Connectors.Mcp.Core.Pipeline.Idempotency;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Tests.Pipeline;

/// <summary>
/// Approval rules in the real pipeline, with the real Gmail and Calendar connectors against the fake Google server: the
/// first matching rule replaces the tool's policy, and the audit row names the rule that decided.
/// </summary>
public sealed class ApprovalRulesPipelineTests
{
    private const string Send = "gmail_send_email";
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task SendEmail_AutoWhenEveryRecipientIsInAcme_OtherwiseQueued()
    {
        await using var h = await PipelineHarness.CreateAsync();
        await using var google = await GoogleFakeSetup.StartAsync(h);
        var ws = await h.WorkspaceAsync("acme");
        await google.ConnectorAsync(h, ws, "gmail");
        var auto = await AddRuleAsync(h, ws, Send, "recipients-all-in:acme.com", ApprovalPolicy.Auto);
        var approve = await AddRuleAsync(h, ws, Send, "always", ApprovalPolicy.Approve);

        var inside = await h.CallAsync(ws, Send, """{"to":["bob@acme.com"],"cc":["carol@ACME.com"],"subject":"Numbers","body":"Attached.","idempotency_key":"k-1"}""");
        var outside = await h.CallAsync(ws, Send, """{"to":["bob@acme.com"],"bcc":["eve@acme.com.evil.com"],"subject":"Numbers","body":"Attached."}""");

        Assert.False(inside.IsError, inside.Text);
        Assert.Equal("pending_approval", outside.StructuredContent!["status"]!.GetValue<string>());
        var sent = Assert.Single(google.Server.SentMessages);
        Assert.Equal(inside.StructuredContent!["id"]!.GetValue<string>(), sent.Id);
        var approval = Assert.Single(await h.Approvals.ListAsync(ws.Id, null, None));
        Assert.Equal(outside.StructuredContent["approval_id"]!.GetValue<string>(), approval.Id);

        var rows = (await h.Audit.ListAsync(ws.Id, 10, None)).Reverse().ToList();
        var insideRows = rows.Where(r => r.ApprovalId is null).ToList();
        Assert.NotEmpty(insideRows);
        Assert.All(insideRows, r => Assert.Equal($"rule:{auto.Id}:auto", r.Decision));
        Assert.Equal(AuditStatus.Succeeded, insideRows[^1].Status);
        var queued = Assert.Single(rows, r => r.ApprovalId is not null);
        Assert.Equal(AuditStatus.PendingApproval, queued.Status);
        Assert.Equal($"rule:{approve.Id}:approve;queued;approvers=person", queued.Decision);
    }

    [Fact]
    public async Task RuleAddedWhileServing_AppliesFromTheNextCall()
    {
        await using var h = await PipelineHarness.CreateAsync();
        await using var google = await GoogleFakeSetup.StartAsync(h);
        var ws = await h.WorkspaceAsync("acme");
        await google.ConnectorAsync(h, ws, "gmail");
        const string email = """{"to":["bob@acme.com"],"subject":"Hi","body":"One."}""";

        var before = await h.CallAsync(ws, Send, email);
        var rule = await AddRuleAsync(h, ws, Send, "recipients-all-in:acme.com", ApprovalPolicy.Auto);
        var after = await h.CallAsync(ws, Send, email.Replace("One.", "Two.", StringComparison.Ordinal));

        Assert.Equal("pending_approval", before.StructuredContent!["status"]!.GetValue<string>());
        Assert.False(after.IsError, after.Text);
        Assert.Single(google.Server.SentMessages);
        var rows = (await h.Audit.ListAsync(ws.Id, 10, None)).Reverse().ToList();
        Assert.Equal("queued;approvers=person", rows[0].Decision);
        Assert.Equal($"rule:{rule.Id}:auto", rows[^1].Decision);
    }

    [Fact]
    public async Task DenyAnyDelete_RefusesNamingTheRule_AndNothingIsDone()
    {
        await using var h = await PipelineHarness.CreateAsync();
        await using var google = await GoogleFakeSetup.StartAsync(h);
        var ws = await h.WorkspaceAsync("acme");
        await google.ConnectorAsync(h, ws, "google_calendar", "google_calendar_delete_event");
        var deny = await AddRuleAsync(h, ws, "*delete*", "always", ApprovalPolicy.Deny);

        var outcome = await h.CallAsync(ws, "google_calendar_delete_event", """{"event_id":"abcdef12345"}""");

        Assert.True(outcome.IsError);
        Assert.Contains($"rule {deny.Id}", outcome.Text, StringComparison.Ordinal);
        Assert.Contains("'*delete*' when always: deny", outcome.Text, StringComparison.Ordinal);
        Assert.Contains("nothing was done", outcome.Text, StringComparison.Ordinal);
        Assert.Empty(google.Server.Calendar.Changes);
        Assert.Empty(await h.Approvals.ListAsync(ws.Id, null, None));
        var row = Assert.Single(await h.Audit.ListAsync(ws.Id, 10, None));
        Assert.Equal(AuditStatus.Denied, row.Status);
        Assert.Equal($"rule:{deny.Id}:deny", row.Decision);
    }

    [Fact]
    public async Task CreateEvent_ApproveWhenAnAttendeeIsOutsideTheWorkspaceDomains()
    {
        await using var h = await PipelineHarness.CreateAsync();
        await using var google = await GoogleFakeSetup.StartAsync(h);
        var ws = await h.WorkspaceAsync("acme");
        await google.ConnectorAsync(h, ws, "google_calendar");
        await h.Services.GetRequiredService<IWorkspaceStore>().SetDomainsAsync(ws.Id, ["acme.com", "acme.io"], OperatorActor.Cli("test"), None);
        var outside = await AddRuleAsync(h, ws, "google_calendar_create_event", "recipients-any-outside:workspace", ApprovalPolicy.Approve);
        var internalOnly = await AddRuleAsync(h, ws, "google_calendar_create_event", "always", ApprovalPolicy.Auto);
        const string timing = "\"start\":\"2026-12-16T10:00:00\",\"end\":\"2026-12-16T11:00:00\",\"time_zone\":\"Europe/Berlin\"";

        var team = await h.CallAsync(ws, "google_calendar_create_event", $$"""{"title":"Team sync","attendees":["bob@acme.com","carol@acme.io"],{{timing}}}""");
        var partner = await h.CallAsync(ws, "google_calendar_create_event", $$"""{"title":"Partner call","attendees":["bob@acme.com","pat@vendor.example"],{{timing}}}""");

        Assert.False(team.IsError, team.Text);
        Assert.Single(google.Server.Calendar.Changes);
        Assert.Equal("pending_approval", partner.StructuredContent!["status"]!.GetValue<string>());
        var rows = (await h.Audit.ListAsync(ws.Id, 10, None)).ToList();
        Assert.Equal($"rule:{outside.Id}:approve;queued;approvers=person", rows[0].Decision);
        Assert.Equal($"rule:{internalOnly.Id}:auto", rows[1].Decision);
    }

    [Theory]
    [InlineData(ApprovalPromptAnswer.Accepted, "elicitation:accepted")]
    [InlineData(ApprovalPromptAnswer.Declined, "elicitation:declined")]
    public async Task ApproveRule_WithElicitation_RecordsTheRuleAndTheAnswer(ApprovalPromptAnswer answer, string followed)
    {
        await using var h = await PipelineHarness.CreateAsync();
        var ws = await h.WorkspaceAsync("acme");
        await h.ConnectorAsync(ws);
        // rec_read is auto by default: the rule makes it ask.
        var rule = await AddRuleAsync(h, ws, "rec_*", "argument:query=payroll", ApprovalPolicy.Approve);
        await h.ApproversAsync(ws, Approvers.Client);

        var outcome = await h.CallAsync(ws, "rec_read", """{"query":"payroll"}""", new AnswerPrompt(answer));

        Assert.Equal(answer != ApprovalPromptAnswer.Accepted, outcome.IsError);
        Assert.Equal(answer == ApprovalPromptAnswer.Accepted ? 1 : 0, h.Recorder.Calls.Count);
        Assert.Equal($"rule:{rule.Id}:approve;{followed};approvers=client", (await h.Audit.ListAsync(ws.Id, 1, None))[0].Decision);
    }

    [Fact]
    public async Task NoRuleMatches_TheToolPolicyDecidesAsBefore()
    {
        await using var h = await PipelineHarness.CreateAsync();
        var ws = await h.WorkspaceAsync("acme");
        await h.ConnectorAsync(ws);
        await AddRuleAsync(h, ws, "rec_read", "argument:query=payroll", ApprovalPolicy.Deny);
        await AddRuleAsync(h, ws, "other_*", "always", ApprovalPolicy.Auto);

        var read = await h.CallAsync(ws, "rec_read", """{"query":"weather"}""");
        var send = await h.CallAsync(ws, "rec_send", """{"to":"bob@example.com","body":"hi"}""");

        Assert.False(read.IsError, read.Text);
        Assert.Equal("pending_approval", send.StructuredContent!["status"]!.GetValue<string>());
        Assert.Equal(["queued;approvers=person", "policy:auto"], (await h.Audit.ListAsync(ws.Id, 10, None)).Select(r => r.Decision));
    }

    [Fact]
    public async Task Rules_NeverApplyToMetaTools()
    {
        await using var h = await PipelineHarness.CreateAsync();
        var ws = await h.WorkspaceAsync("acme");
        await h.ConnectorAsync(ws);
        await AddRuleAsync(h, ws, "*", "always", ApprovalPolicy.Deny);

        var listed = await h.CallAsync(ws, "list_connectors");
        var read = await h.CallAsync(ws, "rec_read", """{"query":"x"}""");

        Assert.False(listed.IsError, listed.Text);
        Assert.True(read.IsError);
        Assert.Empty(h.Recorder.Calls);
    }

    [Fact]
    public async Task ArgumentRule_SeesTheArgumentsWithoutTheIdempotencyKey()
    {
        await using var h = await PipelineHarness.CreateAsync();
        var ws = await h.WorkspaceAsync("acme");
        await h.ConnectorAsync(ws);
        var rule = await AddRuleAsync(h, ws, "rec_send", "argument:to=bob@example.com", ApprovalPolicy.Auto);

        var outcome = await h.CallAsync(ws, "rec_send", $$"""{"to":"bob@example.com","body":"hi","{{IdempotencyKeys.ArgumentName}}":"k-7"}""");

        Assert.False(outcome.IsError, outcome.Text);
        var call = Assert.Single(h.Recorder.Calls);
        Assert.False(call.Arguments.ContainsKey(IdempotencyKeys.ArgumentName));
        Assert.Equal($"rule:{rule.Id}:auto", (await h.Audit.ListAsync(ws.Id, 1, None))[0].Decision);
    }

    [Fact]
    public async Task Catalog_CarriesTheRules_AndAnApproveRuleAdmitsThePendingResultOfAnAutoTool()
    {
        await using var h = await PipelineHarness.CreateAsync();
        var ws = await h.WorkspaceAsync("acme");
        await h.ConnectorAsync(ws);
        var catalogs = h.Services.GetRequiredService<ToolCatalog>();
        var plain = await catalogs.GetAsync(ws.Id, None);
        Assert.DoesNotContain("pending_approval", plain.Find("rec_read")!.OutputSchema.GetRawText(), StringComparison.Ordinal);

        var rule = await AddRuleAsync(h, ws, "rec_re*", "always", ApprovalPolicy.Approve);
        var ruled = await catalogs.GetAsync(ws.Id, None);

        Assert.Equal([rule], ruled.Rules);
        Assert.Contains("pending_approval", ruled.Find("rec_read")!.OutputSchema.GetRawText(), StringComparison.Ordinal);
        Assert.Same(ruled, await catalogs.GetAsync(ws.Id, None));
    }

    private static Task<ApprovalRule> AddRuleAsync(PipelineHarness h, Workspace ws, string tool, string condition, ApprovalPolicy effect) =>
        h.Services.GetRequiredService<IApprovalRuleStore>().AddAsync(new NewApprovalRule(ws.Id, tool, RuleCondition.Parse(condition), effect, null), OperatorActor.Cli("test"), None);

    private sealed class AnswerPrompt(ApprovalPromptAnswer answer) : IApprovalPrompt
    {
        public Task<ApprovalPromptAnswer> AskAsync(string toolName, string summary, CancellationToken cancellationToken) => Task.FromResult(answer);
    }
}
