using Connectors.Mcp.Core.Catalog;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Pipeline;
using Connectors.Mcp.Core.Pipeline.Approval;
using Connectors.Mcp.Core.Pipeline.Audit;
using Connectors.Mcp.Core.Pipeline.Execution;
using Connectors.Mcp.Core.Pipeline.Idempotency;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Sandbox.Google;
using Connectors.Mcp.Sandbox.Google.Calendar;
using Connectors.Mcp.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Tests.Pipeline;

/// <summary>
/// No duplicate side effects, end to end through the pipeline with the real Gmail and Calendar connectors against the
/// fake Google server: repeats replay the first outcome, and ambiguous failures are resolved by asking the fake.
/// </summary>
public sealed class IdempotencyPipelineTests
{
    private const string Send = "gmail_send_email";
    private const string Email = """{"to":["bob@example.com"],"subject":"Quarterly numbers","body":"Attached."}""";

    [Fact]
    public async Task RepeatedCall_SameExplicitKey_SendsOnce_AndTheRepeatReturnsTheFirstResult()
    {
        await using var h = await PipelineHarness.CreateAsync();
        await using var google = await GoogleFakeSetup.StartAsync(h);
        var ws = await h.WorkspaceAsync("acme");
        await google.ConnectorAsync(h, ws, "gmail", Send);

        var first = await h.CallAsync(ws, Send, WithKey(Email, "order-42"));
        var second = await h.CallAsync(ws, Send, WithKey(Email, "order-42"));

        Assert.False(first.IsError, first.Text);
        Assert.False(second.IsError, second.Text);
        Assert.True(JsonNode.DeepEquals(first.StructuredContent, second.StructuredContent));
        Assert.Contains("repeat", second.Text, StringComparison.Ordinal);
        var sent = Assert.Single(google.Server.SentMessages);
        Assert.Equal(first.StructuredContent!["id"]!.GetValue<string>(), sent.Id);
        Assert.Equal(1, google.Server.RequestCount(FakeGoogleEndpoints.MessagesSend));
        var rows = await h.Audit.ListAsync(ws.Id, 10, CancellationToken.None);
        Assert.Equal([AuditCodes.IdempotentReplay, null], rows.Select(r => r.ErrorCode));
        Assert.All(rows, r => Assert.Equal(AuditStatus.Succeeded, r.Status));
        Assert.All(rows, r => Assert.Contains("\"idempotency_key\":\"order-42\"", r.ArgumentsJson, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RepeatedCall_NoKey_DerivedKeyMakesTheIdenticalCallTheSameCall()
    {
        await using var h = await PipelineHarness.CreateAsync();
        await using var google = await GoogleFakeSetup.StartAsync(h);
        var ws = await h.WorkspaceAsync("acme");
        await google.ConnectorAsync(h, ws, "gmail", Send);

        var first = await h.CallAsync(ws, Send, Email);
        var second = await h.CallAsync(ws, Send, Email);
        var different = await h.CallAsync(ws, Send, Email.Replace("Attached.", "Attached again.", StringComparison.Ordinal));

        Assert.True(JsonNode.DeepEquals(first.StructuredContent, second.StructuredContent));
        Assert.False(different.IsError, different.Text);
        Assert.Equal(2, google.Server.SentMessages.Count);
        Assert.NotEqual(first.StructuredContent!["id"]!.GetValue<string>(), different.StructuredContent!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task RepeatedCall_AfterTheRecordExpired_RunsAgain()
    {
        await using var h = await PipelineHarness.CreateAsync();
        await using var google = await GoogleFakeSetup.StartAsync(h);
        var ws = await h.WorkspaceAsync("acme");
        await google.ConnectorAsync(h, ws, "gmail", Send);
        await h.CallAsync(ws, Send, WithKey(Email, "k1"));

        h.Time.Advance(TimeSpan.FromHours(23.9));
        await h.CallAsync(ws, Send, WithKey(Email, "k1"));
        Assert.Single(google.Server.SentMessages);
        h.Time.Advance(TimeSpan.FromHours(0.2));
        await h.CallAsync(ws, Send, WithKey(Email, "k1"));

        Assert.Equal(2, google.Server.SentMessages.Count);
    }

    [Fact]
    public async Task SameKey_DifferentArguments_IsAValidationErrorNamingIdempotencyKey()
    {
        await using var h = await PipelineHarness.CreateAsync();
        await using var google = await GoogleFakeSetup.StartAsync(h);
        var ws = await h.WorkspaceAsync("acme");
        await google.ConnectorAsync(h, ws, "gmail", Send);
        await h.CallAsync(ws, Send, WithKey(Email, "order-42"));

        var reused = await h.CallAsync(ws, Send, WithKey(Email.Replace("bob@", "carol@", StringComparison.Ordinal), "order-42"));

        Assert.True(reused.IsError);
        Assert.Contains("idempotency_key", reused.Text, StringComparison.Ordinal);
        Assert.Single(google.Server.SentMessages);
        var row = (await h.Audit.ListAsync(ws.Id, 10, CancellationToken.None))[0];
        Assert.Equal(AuditStatus.Rejected, row.Status);
        Assert.Equal("invalid_arguments", row.ErrorCode);
    }

    [Fact]
    public async Task InvalidKey_IsRejectedBySchema()
    {
        await using var h = await PipelineHarness.CreateAsync();
        await using var google = await GoogleFakeSetup.StartAsync(h);
        var ws = await h.WorkspaceAsync("acme");
        await google.ConnectorAsync(h, ws, "gmail", Send);

        var spaced = await h.CallAsync(ws, Send, WithKey(Email, "has space"));
        var trailingNewline = await h.CallAsync(ws, Send, WithKey(Email, "abc\n"));
        var tooLong = await h.CallAsync(ws, Send, WithKey(Email, new string('a', 129)));

        Assert.All([spaced, trailingNewline, tooLong], o => Assert.Contains("idempotency_key", o.Text, StringComparison.Ordinal));
        Assert.All([spaced, trailingNewline, tooLong], o => Assert.True(o.IsError));
        Assert.Empty(google.Server.SentMessages);
    }

    [Fact]
    public async Task TenConcurrentIdenticalCalls_SendOnce_AndAllGetTheSameResult()
    {
        await using var h = await PipelineHarness.CreateAsync();
        await using var google = await GoogleFakeSetup.StartAsync(h);
        var ws = await h.WorkspaceAsync("acme");
        await google.ConnectorAsync(h, ws, "gmail", Send);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => h.CallAsync(ws, Send, Email))));

        Assert.Single(google.Server.SentMessages);
        Assert.All(outcomes, o => Assert.False(o.IsError, o.Text));
        Assert.All(outcomes, o => Assert.True(JsonNode.DeepEquals(outcomes[0].StructuredContent, o.StructuredContent)));
        var rows = await h.Audit.ListAsync(ws.Id, 20, CancellationToken.None);
        Assert.Single(rows, r => r.ErrorCode is null);
        Assert.Equal(9, rows.Count(r => r.ErrorCode == AuditCodes.IdempotentReplay));
        var chain = await h.Audit.VerifyAsync(ws.Id, CancellationToken.None);
        Assert.True(chain.Intact, chain.Problem);
        Assert.Equal(10, chain.RowsChecked);
        Assert.Equal(0, chain.UnfinishedRows);
    }

    [Fact]
    public async Task ConcurrentIdenticalCalls_InTwoServerProcessesOnOneDatabase_SendOnce()
    {
        await using var h = await PipelineHarness.CreateAsync();
        await using var google = await GoogleFakeSetup.StartAsync(h);
        var ws = await h.WorkspaceAsync("acme");
        await google.ConnectorAsync(h, ws, "gmail", Send);
        await using var other = await h.SecondProcessAsync();
        var pipelines = new[] { h.Pipeline, other.GetRequiredService<ToolPipeline>() };

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() =>
            pipelines[i % 2].CallAsync(new ToolCall(ws.Id, Send, JsonDocument.Parse(Email).RootElement.Clone(), "tests", null, ToolScope.Full), CancellationToken.None))));

        Assert.Single(google.Server.SentMessages);
        Assert.Equal(1, google.Server.RequestCount(FakeGoogleEndpoints.MessagesSend));
        // A call that met the other process's claim while it ran is told to ask again; every success is the one message.
        Assert.All(outcomes, o => Assert.True(!o.IsError || o.Text.Contains("still running", StringComparison.Ordinal), o.Text));
        Assert.All(outcomes.Where(o => !o.IsError), o => Assert.Equal(google.Server.SentMessages[0].Id, o.StructuredContent!["id"]!.GetValue<string>()));
        var afterwards = await h.CallAsync(ws, Send, Email);
        Assert.Equal(google.Server.SentMessages[0].Id, afterwards.StructuredContent!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateDraft503_AfterGmailSavedIt_IsResolvedAsSucceeded_AndARepeatMakesNoSecondDraft()
    {
        await using var h = await PipelineHarness.CreateAsync();
        await using var google = await GoogleFakeSetup.StartAsync(h);
        var ws = await h.WorkspaceAsync("acme");
        await google.ConnectorAsync(h, ws, "gmail", Send);
        google.Server.InjectFault(FakeGoogleEndpoints.DraftsCreate, FakeFault.ActThenUnavailable());

        var outcome = await h.CallAsync(ws, "gmail_create_draft", Email);
        var repeat = await h.CallAsync(ws, "gmail_create_draft", Email);

        Assert.False(outcome.IsError, outcome.Text);
        var draft = Assert.Single(google.Server.Drafts);
        Assert.Equal(draft.DraftId, outcome.StructuredContent!["draft_id"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(outcome.StructuredContent, repeat.StructuredContent));
        Assert.Equal(1, google.Server.RequestCount(FakeGoogleEndpoints.DraftsCreate));
        var rows = await h.Audit.ListAsync(ws.Id, 10, CancellationToken.None);
        Assert.Equal(AuditCodes.AmbiguousResolvedSucceeded, rows[1].ErrorCode);
        Assert.Equal(AuditCodes.IdempotentReplay, rows[0].ErrorCode);
    }

    [Fact]
    public async Task Send429_FreesTheKey_SoARetryWithTheSameKeySendsOnce()
    {
        await using var h = await PipelineHarness.CreateAsync();
        await using var google = await GoogleFakeSetup.StartAsync(h);
        var ws = await h.WorkspaceAsync("acme");
        await google.ConnectorAsync(h, ws, "gmail", Send);
        google.Server.InjectFault(FakeGoogleEndpoints.MessagesSend, FakeFault.RateLimited(TimeSpan.FromSeconds(30)));

        var limited = await h.CallAsync(ws, Send, WithKey(Email, "k-429"));
        var retry = await h.CallAsync(ws, Send, WithKey(Email, "k-429"));

        Assert.True(limited.IsError);
        Assert.Contains("Retry after", limited.Text, StringComparison.Ordinal);
        Assert.False(retry.IsError, retry.Text);
        Assert.Single(google.Server.SentMessages);
    }

    [Fact]
    public async Task Send503_AfterGmailDelivered_IsResolvedAsSucceededWithTheRealId()
    {
        await using var h = await PipelineHarness.CreateAsync();
        await using var google = await GoogleFakeSetup.StartAsync(h);
        var ws = await h.WorkspaceAsync("acme");
        await google.ConnectorAsync(h, ws, "gmail", Send);
        google.Server.InjectFault(FakeGoogleEndpoints.MessagesSend, FakeFault.ActThenUnavailable());

        var outcome = await h.CallAsync(ws, Send, WithKey(Email, "k-503"));
        var repeat = await h.CallAsync(ws, Send, WithKey(Email, "k-503"));

        Assert.False(outcome.IsError, outcome.Text);
        var sent = Assert.Single(google.Server.SentMessages);
        Assert.Equal(sent.Id, outcome.StructuredContent!["id"]!.GetValue<string>());
        Assert.Equal(sent.ThreadId, outcome.StructuredContent["thread_id"]!.GetValue<string>());
        Assert.Equal($"<{sent.Message.MessageId}>", outcome.StructuredContent["message_id_header"]!.GetValue<string>());
        Assert.Contains("DID take effect", outcome.Text, StringComparison.Ordinal);
        Assert.True(JsonNode.DeepEquals(outcome.StructuredContent, repeat.StructuredContent));
        Assert.Equal(1, google.Server.RequestCount(FakeGoogleEndpoints.MessagesSend));
        var rows = await h.Audit.ListAsync(ws.Id, 10, CancellationToken.None);
        Assert.Equal(AuditStatus.Succeeded, rows[1].Status);
        Assert.Equal(AuditCodes.AmbiguousResolvedSucceeded, rows[1].ErrorCode);
        Assert.Equal(AuditCodes.IdempotentReplay, rows[0].ErrorCode);
    }

    [Fact]
    public async Task ConnectionDropped_AfterGmailDelivered_IsResolvedAsSucceeded()
    {
        await using var h = await PipelineHarness.CreateAsync();
        await using var google = await GoogleFakeSetup.StartAsync(h);
        var ws = await h.WorkspaceAsync("acme");
        await google.ConnectorAsync(h, ws, "gmail", Send);
        google.Server.InjectFault(FakeGoogleEndpoints.MessagesSend, FakeFault.ActThenDropConnection());

        var outcome = await h.CallAsync(ws, Send, Email);

        Assert.False(outcome.IsError, outcome.Text);
        Assert.Equal(Assert.Single(google.Server.SentMessages).Id, outcome.StructuredContent!["id"]!.GetValue<string>());
        Assert.Equal(AuditCodes.AmbiguousResolvedSucceeded, (await h.Audit.ListAsync(ws.Id, 1, CancellationToken.None))[0].ErrorCode);
    }

    [Fact]
    public async Task Send503_GmailDidNotDeliver_IsResolvedAsFailed_AndARetryWithTheSameKeySendsExactlyOnce()
    {
        await using var h = await PipelineHarness.CreateAsync();
        await using var google = await GoogleFakeSetup.StartAsync(h);
        var ws = await h.WorkspaceAsync("acme");
        await google.ConnectorAsync(h, ws, "gmail", Send);
        google.Server.InjectFault(FakeGoogleEndpoints.MessagesSend, FakeFault.Unavailable());

        var failed = await h.CallAsync(ws, Send, WithKey(Email, "k-retry"));
        Assert.True(failed.IsError);
        Assert.Contains("did NOT take effect", failed.Text, StringComparison.Ordinal);
        Assert.Empty(google.Server.SentMessages);

        var retried = await h.CallAsync(ws, Send, WithKey(Email, "k-retry"));
        var again = await h.CallAsync(ws, Send, WithKey(Email, "k-retry"));

        Assert.False(retried.IsError, retried.Text);
        Assert.Single(google.Server.SentMessages);
        Assert.True(JsonNode.DeepEquals(retried.StructuredContent, again.StructuredContent));
        var rows = (await h.Audit.ListAsync(ws.Id, 10, CancellationToken.None)).Reverse().ToList();
        Assert.Equal([AuditStatus.Failed, AuditStatus.Succeeded, AuditStatus.Succeeded], rows.Select(r => r.Status));
        Assert.Equal([AuditCodes.AmbiguousResolvedFailed, null, AuditCodes.IdempotentReplay], rows.Select(r => r.ErrorCode));
    }

    [Fact]
    public async Task UnresolvedAmbiguity_KeepsTheClaim_AndARepeatAfterTheStaleTimeoutAsksGmailInsteadOfSendingAgain()
    {
        await using var h = await PipelineHarness.CreateAsync();
        await using var google = await GoogleFakeSetup.StartAsync(h);
        var ws = await h.WorkspaceAsync("acme");
        await google.ConnectorAsync(h, ws, "gmail", Send);
        google.Server.InjectFault(FakeGoogleEndpoints.MessagesSend, FakeFault.ActThenUnavailable());
        for (var i = 0; i < 3; i++)
        {
            // The search that would resolve it fails too (first try and both read retries).
            google.Server.InjectFault(FakeGoogleEndpoints.MessagesList, FakeFault.Unavailable());
        }

        var unknown = await h.CallAsync(ws, Send, WithKey(Email, "k-unknown"));
        var tooSoon = await h.CallAsync(ws, Send, WithKey(Email, "k-unknown"));
        h.Time.Advance(TimeSpan.FromMinutes(2));
        var later = await h.CallAsync(ws, Send, WithKey(Email, "k-unknown"));

        Assert.True(unknown.IsError);
        Assert.Contains("could not be checked", unknown.Text, StringComparison.Ordinal);
        Assert.True(tooSoon.IsError);
        Assert.Contains("still running", tooSoon.Text, StringComparison.Ordinal);
        Assert.False(later.IsError, later.Text);
        var sent = Assert.Single(google.Server.SentMessages);
        Assert.Equal(sent.Id, later.StructuredContent!["id"]!.GetValue<string>());
        Assert.Equal(1, google.Server.RequestCount(FakeGoogleEndpoints.MessagesSend));
        var rows = (await h.Audit.ListAsync(ws.Id, 10, CancellationToken.None)).Reverse().ToList();
        Assert.Equal(["ambiguous_outcome", "idempotency_in_progress", "stale_claim_resolved_succeeded"], rows.Select(r => r.ErrorCode));
    }

    [Fact]
    public async Task GatedSend_ApprovalBindsTheKey_RunsOnce_AndARepeatReplaysWithoutAskingAgain()
    {
        await using var h = await PipelineHarness.CreateAsync();
        await using var google = await GoogleFakeSetup.StartAsync(h);
        var ws = await h.WorkspaceAsync("acme");
        await google.ConnectorAsync(h, ws, "gmail");
        var pending = await h.CallAsync(ws, Send, WithKey(Email, "gated-1"));
        var otherKey = await h.CallAsync(ws, Send, WithKey(Email, "gated-2"));
        var id = pending.StructuredContent!["approval_id"]!.GetValue<string>();
        Assert.NotEqual(id, otherKey.StructuredContent!["approval_id"]!.GetValue<string>());
        Assert.Contains("\"idempotency_key\":\"gated-1\"", (await h.Approvals.FindAsync(id, CancellationToken.None))!.ArgumentsJson, StringComparison.Ordinal);
        await h.Approvals.DecideAsync(id, approve: true, "tester", null, CancellationToken.None);

        var ran = await h.Services.GetRequiredService<ApprovedActionRunner>().RunAsync(id, CancellationToken.None);
        var repeat = await h.CallAsync(ws, Send, WithKey(Email, "gated-1"));

        Assert.False(ran.IsError, ran.Text);
        Assert.Single(google.Server.SentMessages);
        Assert.False(repeat.IsError, repeat.Text);
        Assert.Equal(AuditCodes.IdempotentReplay, (await h.Audit.ListAsync(ws.Id, 1, CancellationToken.None))[0].ErrorCode);
        Assert.True(JsonNode.DeepEquals(ran.StructuredContent, repeat.StructuredContent));
        Assert.Equal(2, (await h.Approvals.ListAsync(ws.Id, null, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task CreateEvent503_AfterCalendarCreatedIt_IsResolvedAsSucceededWithTheEvent()
    {
        await using var h = await PipelineHarness.CreateAsync();
        await using var google = await GoogleFakeSetup.StartAsync(h);
        var ws = await h.WorkspaceAsync("acme");
        await google.ConnectorAsync(h, ws, "google_calendar", "google_calendar_create_event");
        google.Server.InjectFault(FakeCalendarEndpoints.EventsInsert, FakeFault.ActThenUnavailable());
        var args = """{"title":"Roadmap planning","start":"2026-12-16T10:00:00","end":"2026-12-16T11:30:00","time_zone":"America/New_York"}""";

        var outcome = await h.CallAsync(ws, "google_calendar_create_event", WithKey(args, "evt-1"));

        Assert.False(outcome.IsError, outcome.Text);
        var change = Assert.Single(google.Server.Calendar.Changes);
        Assert.Equal(change.EventId, outcome.StructuredContent!["id"]!.GetValue<string>());
        Assert.Equal(AuditCodes.AmbiguousResolvedSucceeded, (await h.Audit.ListAsync(ws.Id, 1, CancellationToken.None))[0].ErrorCode);
    }

    [Fact]
    public async Task CreateEvent503_CalendarDidNotCreateIt_IsResolvedAsFailed()
    {
        await using var h = await PipelineHarness.CreateAsync();
        await using var google = await GoogleFakeSetup.StartAsync(h);
        var ws = await h.WorkspaceAsync("acme");
        await google.ConnectorAsync(h, ws, "google_calendar", "google_calendar_create_event");
        google.Server.InjectFault(FakeCalendarEndpoints.EventsInsert, FakeFault.Unavailable());
        var args = """{"title":"Roadmap planning","start":"2026-12-16T10:00:00","end":"2026-12-16T11:30:00","time_zone":"America/New_York"}""";

        var outcome = await h.CallAsync(ws, "google_calendar_create_event", args);
        var retried = await h.CallAsync(ws, "google_calendar_create_event", args);

        Assert.True(outcome.IsError);
        Assert.False(retried.IsError, retried.Text);
        Assert.Single(google.Server.Calendar.Changes);
        var rows = (await h.Audit.ListAsync(ws.Id, 10, CancellationToken.None)).Reverse().ToList();
        Assert.Equal([AuditCodes.AmbiguousResolvedFailed, null], rows.Select(r => r.ErrorCode));
    }

    private static string WithKey(string argumentsJson, string key)
    {
        var arguments = JsonNode.Parse(argumentsJson)!.AsObject();
        arguments[IdempotencyKeys.ArgumentName] = key;
        return arguments.ToJsonString();
    }
}
