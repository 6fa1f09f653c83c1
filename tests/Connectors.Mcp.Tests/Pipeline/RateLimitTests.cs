using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Core.Pipeline.Audit;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Tests.Pipeline;

/// <summary>
/// Rate limits through the real pipeline and store: per workspace and per connector instance, plan defaults,
/// stored overrides picked up through the catalog version, isolation between workspaces, and upstream limits answered
/// in the same words and audited the same way.
/// </summary>
public sealed class RateLimitTests
{
    private const string RetryShape = @"^(rec_read: )?Rate limited: .+\. Retry after \d+ s; nothing was done\.$";

    [Fact]
    public async Task HammeringWorkspace_IsRefused_WhileAnotherWorkspaceRunsEveryCall()
    {
        // Small figures, so the buckets' real-time refill (one workspace token per 3 s) barely matters during the test.
        // Every refusal gets its own row here (the refusal budget is another test's subject).
        await using var h = await PipelineHarness.CreateAsync(o => { o.CallsPerMinute = 20; o.ConnectorCallsPerMinute = 15; o.RefusalAuditRowsPerWindow = 1000; });
        var noisy = await h.WorkspaceAsync("noisy", WorkspacePlan.Free);
        var quiet = await h.WorkspaceAsync("quiet", WorkspacePlan.Free);
        await h.ConnectorAsync(noisy, "a");
        await h.ConnectorAsync(noisy, "b");
        await h.ConnectorAsync(quiet);

        // 30 calls on each of noisy's two connectors: the workspace bucket passes 20 of them, which the connector
        // buckets (15 each) let through. The quiet workspace's 15 calls, made at the same time, all run.
        var noisyCalls = Enumerable.Range(0, 60).Select(i => Task.Run(() => h.CallAsync(noisy, i % 2 == 0 ? "a_read" : "b_read"))).ToList();
        var quietCalls = Enumerable.Range(0, 15).Select(_ => Task.Run(() => h.CallAsync(quiet, "rec_read"))).ToList();
        var noisyOutcomes = await Task.WhenAll(noisyCalls);
        var quietOutcomes = await Task.WhenAll(quietCalls);

        var succeeded = noisyOutcomes.Count(o => !o.IsError);
        Assert.InRange(succeeded, 20, 22);
        Assert.All(noisyOutcomes.Where(o => o.IsError), o => Assert.Matches(RetryShape, o.Text));
        Assert.All(quietOutcomes, o => Assert.False(o.IsError, o.Text));
        var noisyAudit = await h.Audit.ListAsync(noisy.Id, 1000, CancellationToken.None);
        Assert.Equal(60, noisyAudit.Count);
        Assert.Equal(60 - succeeded, noisyAudit.Count(r => r.Status == AuditStatus.RateLimited && r.ErrorCode == "rate_limited"));
        Assert.Equal(15, (await h.Audit.ListAsync(quiet.Id, 1000, CancellationToken.None)).Count(r => r.Status == AuditStatus.Succeeded));
        Assert.Equal(succeeded + 15, h.Recorder.Calls.Count);
    }

    [Fact]
    public async Task BusyConnector_IsRefusedAtItsOwnLimit_AndEveryCallCountsAgainstTheWorkspace()
    {
        await using var h = await PipelineHarness.CreateAsync(o => { o.CallsPerMinute = 10; o.ConnectorCallsPerMinute = 3; });
        var ws = await h.WorkspaceAsync("acme");
        await h.ConnectorAsync(ws, "busy");
        await h.ConnectorAsync(ws, "calm");

        var busy = new List<Core.Pipeline.ToolOutcome>();
        for (var i = 0; i < 8; i++)
        {
            busy.Add(await h.CallAsync(ws, "busy_read"));
        }

        var calm = new List<Core.Pipeline.ToolOutcome>();
        for (var i = 0; i < 4; i++)
        {
            calm.Add(await h.CallAsync(ws, "calm_read"));
        }

        Assert.Equal(3, busy.Count(o => !o.IsError));
        Assert.Contains("connector 'busy' of workspace 'acme' is limited to 3 calls per minute", busy[^1].Text, StringComparison.Ordinal);
        // busy's 8 calls took 8 of the workspace's 10 tokens, refused or not: calm's connector has room, the workspace 2 calls.
        Assert.Equal([false, false, true, true], calm.Select(o => o.IsError));
        Assert.Contains("workspace 'acme' is limited to 10 calls per minute", calm[^1].Text, StringComparison.Ordinal);
        // Meta tools have no connector bucket, but count against the workspace like every other call.
        var meta = await h.CallAsync(ws, "list_connectors");
        Assert.Matches(RetryShape, meta.Text);
        Assert.Contains("workspace 'acme' is limited to 10 calls per minute", meta.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusedCalls_WithTheBucketEmpty_AreRateLimited_AndAuditedWithinTheBudgetPlusOneExactSummary()
    {
        // One call per minute: the real-time refill (one token a minute) cannot matter during the test.
        await using var h = await PipelineHarness.CreateAsync(o => o.CallsPerMinute = 1);
        var ws = await h.WorkspaceAsync("acme");
        await h.ConnectorAsync(ws);
        Assert.False((await h.CallAsync(ws, "rec_read")).IsError);

        // The bucket is empty. 300 calls that would each be refused anyway: unknown tools, invalid arguments, a meta
        // tool and a gated one.
        var outcomes = new List<Core.Pipeline.ToolOutcome>();
        for (var i = 0; i < 300; i++)
        {
            outcomes.Add(await ((i % 4) switch
            {
                0 => h.CallAsync(ws, $"nope_{i}"),
                1 => h.CallAsync(ws, "rec_read", """{"bogus":true}"""),
                2 => h.CallAsync(ws, "list_connectors"),
                _ => h.CallAsync(ws, "rec_send", """{"to":"bob@example.com","body":"hi"}"""),
            }));
        }

        Assert.All(outcomes, o => Assert.Matches(RetryShape, o.Text));
        Assert.All(outcomes, o => Assert.False(o.IsUnknownTool));
        Assert.Empty(h.Recorder.Calls.Skip(1));
        var budget = new Core.Pipeline.ToolPipelineOptions().RefusalAuditRowsPerWindow;
        var rows = await h.Audit.ListAsync(ws.Id, 1000, CancellationToken.None);
        // The success and the budget's rows; the rest is counted, not written, while the window is open.
        Assert.Equal(1 + budget, rows.Count);
        Assert.Equal(budget, rows.Count(r => (r.Status, r.ErrorCode) == (AuditStatus.RateLimited, "rate_limited")));

        // The window ends: one summary row with the exact count, chained like any other.
        h.Time.Advance(TimeSpan.FromMinutes(1));
        var summary = await SummaryAsync(h, ws);
        Assert.Equal((AuditStatus.Rejected, RefusalAudit.SummaryTool), (summary.Status, summary.Tool));
        var counted = JsonNode.Parse(summary.ArgumentsJson)!;
        Assert.Equal(300 - budget, counted["suppressed"]!.GetValue<long>());
        Assert.Equal(300 - budget, counted["codes"]!["rate_limited"]!.GetValue<long>());
        Assert.Contains($"{300 - budget} refused call(s) counted", summary.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromMinutes(1), summary.FinishedAt - summary.StartedAt);
        Assert.Equal(2 + budget, (await h.Audit.ListAsync(ws.Id, 1000, CancellationToken.None)).Count);
        var verification = await h.Audit.VerifyAsync(ws.Id, CancellationToken.None);
        Assert.True(verification.Intact, verification.Problem);
        Assert.Equal(2 + budget, verification.RowsChecked);
    }

    [Fact]
    public async Task RefusalsBeyondTheBudget_AreSummarisedWhenTheProcessStops_ByCode()
    {
        await using var h = await PipelineHarness.CreateAsync(o => o.RefusalAuditRowsPerWindow = 3);
        var ws = await h.WorkspaceAsync("acme");
        await h.ConnectorAsync(ws);
        for (var i = 0; i < 7; i++)
        {
            await h.CallAsync(ws, "nope");
            await h.CallAsync(ws, "rec_read", """{"query":42}""");
        }

        // A call that runs is written whatever the budget.
        Assert.False((await h.CallAsync(ws, "rec_read")).IsError);
        Assert.Equal(4, (await h.Audit.ListAsync(ws.Id, 100, CancellationToken.None)).Count);

        // The server stops before the window ends (disposing the container is what the host does at shutdown).
        await h.Services.DisposeAsync();
        await using var after = await h.SecondProcessAsync();
        var audit = after.GetRequiredService<IAuditLog>();
        var rows = await audit.ListAsync(ws.Id, 100, CancellationToken.None);
        var summary = Assert.Single(rows, r => r.ErrorCode == AuditCodes.RefusalsSuppressed);
        var counted = JsonNode.Parse(summary.ArgumentsJson)!;
        Assert.Equal(11, counted["suppressed"]!.GetValue<long>());
        Assert.Equal(5, counted["codes"]!["unknown_tool"]!.GetValue<long>());
        Assert.Equal(6, counted["codes"]!["invalid_arguments"]!.GetValue<long>());
        Assert.Equal(5, rows.Count);
        Assert.True((await audit.VerifyAsync(ws.Id, CancellationToken.None)).Intact);
    }

    private static async Task<AuditEntry> SummaryAsync(PipelineHarness h, Workspace ws)
    {
        // The window's timer writes the summary on a thread-pool thread; wait (bounded) for its commit.
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var rows = await h.Audit.ListAsync(ws.Id, 10, CancellationToken.None);
            if (rows.FirstOrDefault(r => r.ErrorCode == AuditCodes.RefusalsSuppressed) is { } summary)
            {
                return summary;
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException("No refusals_suppressed row was written within 10 s of the window's end.");
    }

    [Fact]
    public async Task StoredOverride_IsPickedUpOnTheNextCall_AndResetReturnsToThePlan()
    {
        await using var h = await PipelineHarness.CreateAsync();
        var ws = await h.WorkspaceAsync("acme", WorkspacePlan.Enterprise);
        await h.ConnectorAsync(ws);
        Assert.False((await h.CallAsync(ws, "rec_read")).IsError);

        // As `workspace set-limits` in another process would: the store bumps the catalog version.
        var store = h.Services.GetRequiredService<IWorkspaceStore>();
        var updated = await store.SetRateLimitsAsync(ws.Id, new RateLimitOverrides(null, 2), OperatorActor.Cli("test"), CancellationToken.None);
        Assert.Equal(new EffectiveRateLimits(3000, 2, true), PlanLimits.RateLimits(updated));

        var outcomes = new List<Core.Pipeline.ToolOutcome>();
        for (var i = 0; i < 4; i++)
        {
            outcomes.Add(await h.CallAsync(ws, "rec_read"));
        }

        Assert.Equal([false, false, true, true], outcomes.Select(o => o.IsError));
        Assert.Matches(RetryShape, outcomes[^1].Text);

        var reset = await store.SetRateLimitsAsync(ws.Id, RateLimitOverrides.None, OperatorActor.Cli("test"), CancellationToken.None);
        Assert.Equal(new EffectiveRateLimits(3000, 1200, false), PlanLimits.RateLimits(reset));
        Assert.False((await h.CallAsync(ws, "rec_read")).IsError);
    }

    [Fact]
    public async Task UpstreamLimit_IsAnsweredInTheSameShape_AndAuditedRateLimited()
    {
        await using var h = await PipelineHarness.CreateAsync(o => o.CallsPerMinute = 1);
        var ws = await h.WorkspaceAsync("acme");
        var connector = await h.ConnectorAsync(ws);
        // What GoogleRequestExecutor throws for a 429 or a 403 usageLimits.
        h.Recorder.Failure = () => new RateLimitedException("Gmail rate limit reached (User-rate limit exceeded). Retry after 7 seconds.", TimeSpan.FromSeconds(6.2));

        var upstream = await h.CallAsync(ws, "rec_read");
        var ours = await h.CallAsync(ws, "rec_read");

        Assert.True(upstream.IsError);
        Assert.Equal("rec_read: Rate limited: Gmail rate limit reached (User-rate limit exceeded). Retry after 7 s; nothing was done.", upstream.Text);
        Assert.Matches(RetryShape, upstream.Text);
        Assert.Matches(RetryShape, ours.Text);
        var rows = await h.Audit.ListAsync(ws.Id, 2, CancellationToken.None);
        Assert.All(rows, r => Assert.Equal((AuditStatus.RateLimited, "rate_limited"), (r.Status, r.ErrorCode)));
        var after = (await h.Services.GetRequiredService<IConnectorStore>().FindAsync(connector.Id, CancellationToken.None))!;
        Assert.Equal(0, after.ConsecutiveFailures);
    }

    [Fact]
    public async Task UpstreamLimit_WithoutRetryAfter_SaysTheDefaultWait()
    {
        await using var h = await PipelineHarness.CreateAsync();
        var ws = await h.WorkspaceAsync("acme");
        await h.ConnectorAsync(ws);
        h.Recorder.Failure = () => new RateLimitedException("Calendar rate limit reached (Rate Limit Exceeded). Retry later.", null);

        var outcome = await h.CallAsync(ws, "rec_read");

        Assert.Equal("rec_read: Rate limited: Calendar rate limit reached (Rate Limit Exceeded). Retry after 30 s; nothing was done.", outcome.Text);
    }
}
