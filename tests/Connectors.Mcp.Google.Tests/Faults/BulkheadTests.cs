using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Google.Tests.TestSupport;
using Connectors.Mcp.Sandbox.Google;
using Xunit.Abstractions;

namespace Connectors.Mcp.Google.Tests.Faults;

/// <summary>
/// Bounded concurrency per connector instance: a hung account fills only its own connector's slots and queue. Two
/// Gmail connectors (workspace A's and workspace B's) share one host pipeline, as in a server process.
/// </summary>
public sealed class BulkheadTests(ITestOutputHelper output)
{
    private const string ConnectorA = "conn_ws_a";
    private const string ConnectorB = "conn_ws_b";
    private static readonly TimeSpan Hang = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(20);

    private static Task<JsonObject> ListLabels(GmailHarness harness, CancellationToken cancellationToken) =>
        harness.Connector.ExecuteAsync("list_labels", new JsonObject(), cancellationToken);

    private static async Task WaitForRequestsAsync(GmailHarness harness, int count)
    {
        var deadline = DateTime.UtcNow + Generous;
        while (harness.Server.RequestCount(FakeGoogleEndpoints.LabelsList) < count)
        {
            Assert.True(DateTime.UtcNow < deadline, "the hung calls never reached the fake");
            await Task.Delay(20);
        }
    }

    private static List<Task<JsonObject>> Hung(GmailHarness a, int calls, CancellationToken cancellationToken)
    {
        for (var i = 0; i < calls; i++)
        {
            a.Server.InjectFault(FakeGoogleEndpoints.LabelsList, FakeFault.Slow(Hang));
        }

        return Enumerable.Range(0, calls).Select(_ => ListLabels(a, cancellationToken)).ToList();
    }

    [Fact]
    public async Task HungAccountOfWorkspaceA_WithItsSlotsAndQueueFull_DoesNotDelayWorkspaceB()
    {
        using var pipeline = new GooglePipeline(o =>
        {
            o.MaxConcurrentRequests = 2;
            o.MaxQueuedRequests = 2;
            o.AttemptTimeout = Hang;
            o.TotalTimeout = Hang;
        });
        await using var a = await GmailHarness.StartAsync(pipeline: pipeline, connectorId: ConnectorA);
        await using var b = await GmailHarness.StartAsync(pipeline: pipeline, connectorId: ConnectorB);
        using var cancelA = new CancellationTokenSource();
        var hung = Hung(a, 4, cancelA.Token); // 2 in flight at the fake, 2 queued in A's bulkhead
        await WaitForRequestsAsync(a, 2);

        // search_inbox with one result sends its two requests one after the other, so it fits B's own 2 slots.
        var started = TimeProvider.System.GetTimestamp();
        var found = await b.Connector.ExecuteAsync("search_inbox", new JsonObject { ["query"] = "in:inbox", ["max_results"] = 1 }, CancellationToken.None).WaitAsync(Generous);
        output.WriteLine($"B completed in {TimeProvider.System.GetElapsedTime(started).TotalMilliseconds:F0} ms while A had 2 calls hung and 2 queued");

        Assert.Single(found["messages"]!.AsArray());
        Assert.All(hung, t => Assert.False(t.IsCompleted, "A's calls are still hanging while B completed"));
        Assert.Equal(2, a.Server.RequestCount(FakeGoogleEndpoints.LabelsList));

        await cancelA.CancelAsync();
        foreach (var call in hung)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        }
    }

    [Fact]
    public async Task FullBulkhead_FailsFastAsBusy_WithARetryAfter_AndSendsNothing()
    {
        using var pipeline = new GooglePipeline(o =>
        {
            o.MaxConcurrentRequests = 1;
            o.MaxQueuedRequests = 1;
            o.AttemptTimeout = Hang;
            o.TotalTimeout = Hang;
        });
        await using var a = await GmailHarness.StartAsync(pipeline: pipeline, connectorId: ConnectorA);
        using var cancelA = new CancellationTokenSource();
        var hung = Hung(a, 2, cancelA.Token);
        await WaitForRequestsAsync(a, 1);

        var started = TimeProvider.System.GetTimestamp();
        var busy = await Assert.ThrowsAsync<RateLimitedException>(() => ListLabels(a, CancellationToken.None)).WaitAsync(Generous);
        output.WriteLine($"busy refusal after {TimeProvider.System.GetElapsedTime(started).TotalMilliseconds:F0} ms");

        Assert.Contains("busy", busy.Message);
        Assert.NotNull(busy.RetryAfter);
        Assert.Equal(1, a.Server.RequestCount(FakeGoogleEndpoints.LabelsList));

        await cancelA.CancelAsync();
        foreach (var call in hung)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        }
    }

    [Fact]
    public async Task CancellingACall_AbandonsTheUpstreamRequest()
    {
        await using var a = await GmailHarness.StartAsync(pipeline: new GooglePipeline(o => o.AttemptTimeout = Hang));
        using var cancel = new CancellationTokenSource();
        var call = Hung(a, 1, cancel.Token).Single();
        await WaitForRequestsAsync(a, 1);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(Generous));
    }
}
