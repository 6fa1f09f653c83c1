using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Google.Tests.TestSupport;
using Connectors.Mcp.Sandbox.Google;

namespace Connectors.Mcp.Google.Tests.Faults;

/// <summary>
/// Gmail through the production HTTP stack with faults injected into the fake: the read is <c>search_inbox</c>
/// (messages.list, GET), the write is <c>send_email</c> (messages.send, POST). Reads are retried where safe; a send is
/// never re-sent, so the fake sees at most one.
/// </summary>
public sealed class GmailFaultTests
{
    private static JsonObject Search() => new() { ["query"] = "in:inbox", ["max_results"] = 2 };

    private static JsonObject Send() => new()
    {
        ["to"] = new JsonArray("alice@example.com"),
        ["subject"] = "Quarterly numbers",
        ["body"] = "Attached soon.",
    };

    private static Task<GmailHarness> StartAsync() => GmailHarness.StartAsync(pipeline: FaultPipelines.Create());

    // ---- 429 with Retry-After ----

    [Fact]
    public async Task Read_429_WithShortRetryAfterSeconds_IsRetriedAfterIt()
    {
        await using var harness = await StartAsync();
        harness.Server.InjectFault(FakeGoogleEndpoints.MessagesList, FakeFault.RateLimited(TimeSpan.FromSeconds(1)));
        var started = TimeProvider.System.GetTimestamp();

        var result = await harness.RunAsync("search_inbox", Search());

        Assert.Equal(2, result["messages"]!.AsArray().Count);
        Assert.Equal(2, harness.Server.RequestCount(FakeGoogleEndpoints.MessagesList));
        Assert.True(TimeProvider.System.GetElapsedTime(started) >= TimeSpan.FromSeconds(0.9), "the retry waited for Retry-After");
    }

    [Fact]
    public async Task Read_429_WithShortRetryAfterDate_IsRetried()
    {
        await using var harness = await StartAsync();
        harness.Server.InjectFault(FakeGoogleEndpoints.MessagesList, FakeFault.RateLimitedUntil(DateTimeOffset.UtcNow.AddSeconds(2)));

        var result = await harness.RunAsync("search_inbox", Search());

        Assert.Equal(2, result["messages"]!.AsArray().Count);
        Assert.Equal(2, harness.Server.RequestCount(FakeGoogleEndpoints.MessagesList));
    }

    [Fact]
    public async Task Read_429_WithLongRetryAfterSeconds_IsRateLimited_WithoutWaiting()
    {
        await using var harness = await StartAsync();
        harness.Server.InjectFault(FakeGoogleEndpoints.MessagesList, FakeFault.RateLimited(TimeSpan.FromSeconds(120)));

        var error = await Assert.ThrowsAsync<RateLimitedException>(() => harness.RunAsync("search_inbox", Search()));

        Assert.Equal(TimeSpan.FromSeconds(120), error.RetryAfter);
        Assert.Contains("Retry after 120 seconds", error.Message);
        Assert.Equal(1, harness.Server.RequestCount(FakeGoogleEndpoints.MessagesList));
    }

    [Fact]
    public async Task Read_429_WithLongRetryAfterDate_IsRateLimited_WithTheWaitFromTheDate()
    {
        await using var harness = await StartAsync();
        var at = DateTimeOffset.FromUnixTimeSeconds(harness.Time.GetUtcNow().ToUnixTimeSeconds() + 600);
        harness.Server.InjectFault(FakeGoogleEndpoints.MessagesList, FakeFault.RateLimitedUntil(at));

        var error = await Assert.ThrowsAsync<RateLimitedException>(() => harness.RunAsync("search_inbox", Search()));

        Assert.InRange(error.RetryAfter!.Value.TotalSeconds, 590, 600);
        Assert.Equal(1, harness.Server.RequestCount(FakeGoogleEndpoints.MessagesList));
    }

    [Fact]
    public async Task Send_429_IsNotRetried_EvenWithAShortRetryAfter()
    {
        await using var harness = await StartAsync();
        harness.Server.InjectFault(FakeGoogleEndpoints.MessagesSend, FakeFault.RateLimited(TimeSpan.FromSeconds(1)));

        var error = await Assert.ThrowsAsync<RateLimitedException>(() => harness.RunAsync("send_email", Send()));

        Assert.Equal(TimeSpan.FromSeconds(1), error.RetryAfter);
        Assert.Equal(1, harness.Server.RequestCount(FakeGoogleEndpoints.MessagesSend));
        Assert.Empty(harness.Server.SentMessages);
    }

    // ---- 5xx ----

    [Fact]
    public async Task Read_500_IsRetried()
    {
        await using var harness = await StartAsync();
        harness.Server.InjectFault(FakeGoogleEndpoints.MessagesList, new FakeFault(500));

        await harness.RunAsync("search_inbox", Search());

        Assert.Equal(2, harness.Server.RequestCount(FakeGoogleEndpoints.MessagesList));
    }

    [Fact]
    public async Task Read_5xxEveryTime_GivesUpAfterTwoRetries()
    {
        await using var harness = await StartAsync();
        for (var i = 0; i < 5; i++)
        {
            harness.Server.InjectFault(FakeGoogleEndpoints.MessagesList, new FakeFault(502));
        }

        var error = await Assert.ThrowsAsync<ProviderException>(() => harness.RunAsync("search_inbox", Search()));

        Assert.Equal(502, error.StatusCode);
        Assert.Equal(3, harness.Server.RequestCount(FakeGoogleEndpoints.MessagesList));
    }

    [Fact]
    public async Task Send_503_IsNotRetried()
    {
        await using var harness = await StartAsync();
        harness.Server.InjectFault(FakeGoogleEndpoints.MessagesSend, FakeFault.Unavailable());

        var error = await Assert.ThrowsAsync<AmbiguousOutcomeException>(() => harness.RunAsync("send_email", Send()));

        Assert.Equal(503, error.StatusCode);
        Assert.Equal(1, harness.Server.RequestCount(FakeGoogleEndpoints.MessagesSend));
        Assert.Empty(harness.Server.SentMessages);
    }

    // ---- dropped connections ----

    [Fact]
    public async Task Read_DroppedConnection_IsRetried()
    {
        await using var harness = await StartAsync();
        harness.Server.InjectFault(FakeGoogleEndpoints.MessagesList, FakeFault.DropAfterActing());

        var result = await harness.RunAsync("search_inbox", Search());

        Assert.Equal(2, result["messages"]!.AsArray().Count);
        Assert.Equal(2, harness.Server.RequestCount(FakeGoogleEndpoints.MessagesList));
    }

    [Fact]
    public async Task Send_DroppedBeforeGmailActed_IsNotReSent_AndSaysTheOutcomeIsUnknown()
    {
        await using var harness = await StartAsync();
        harness.Server.InjectFault(FakeGoogleEndpoints.MessagesSend, FakeFault.DropBeforeActing());

        var error = await Assert.ThrowsAsync<AmbiguousOutcomeException>(() => harness.RunAsync("send_email", Send()));

        Assert.Contains("dropped after the request was sent", error.Message);
        Assert.Contains("unknown", error.Message);
        Assert.Equal(1, harness.Server.RequestCount(FakeGoogleEndpoints.MessagesSend));
        Assert.Empty(harness.Server.SentMessages);
    }

    [Fact]
    public async Task Send_DroppedAfterGmailActed_IsNotReSent_TheFakeSeesExactlyOneSend()
    {
        await using var harness = await StartAsync();
        harness.Server.InjectFault(FakeGoogleEndpoints.MessagesSend, FakeFault.DropAfterActing());

        var error = await Assert.ThrowsAsync<AmbiguousOutcomeException>(() => harness.RunAsync("send_email", Send()));

        Assert.Contains("whether Gmail acted on it is unknown", error.Message);
        Assert.Equal(1, harness.Server.RequestCount(FakeGoogleEndpoints.MessagesSend));
        Assert.Single(harness.Server.SentMessages);
    }

    [Fact]
    public async Task Send_ThatNeverReachedGmail_ConnectionRefused_IsRetried_AndSentOnce()
    {
        var refusal = new RefusedConnection("/messages/send");
        await using var harness = await GmailHarness.StartAsync(pipeline: new GooglePipeline(primaryHandler: () => new RefuseFirstConnectHandler(refusal)));

        var result = await harness.RunAsync("send_email", Send());

        Assert.Equal(1, refusal.Refused);
        Assert.Equal(1, harness.Server.RequestCount(FakeGoogleEndpoints.MessagesSend));
        Assert.Equal(harness.Server.SentMessages.Single().Id, (string)result["id"]!);
    }

    [Fact]
    public async Task Send_WhoseConnectionTimedOut_IsRetried_AndSentOnce()
    {
        var refusal = new RefusedConnection("/messages/send", RefuseFirstConnectHandler.ConnectTimedOut);
        await using var harness = await GmailHarness.StartAsync(pipeline: new GooglePipeline(primaryHandler: () => new RefuseFirstConnectHandler(refusal)));

        await harness.RunAsync("send_email", Send());

        Assert.Equal(1, refusal.Refused);
        Assert.Single(harness.Server.SentMessages);
    }

    // ---- slow past the timeout ----

    [Fact]
    public async Task Read_SlowerThanTheAttemptTimeout_IsAbandonedAndRetried()
    {
        await using var harness = await StartAsync();
        harness.Server.InjectFault(FakeGoogleEndpoints.MessagesList, FakeFault.Slow(FaultPipelines.SlowerThanTimeout));

        var result = await harness.RunAsync("search_inbox", Search());

        Assert.Equal(2, result["messages"]!.AsArray().Count);
        Assert.Equal(2, harness.Server.RequestCount(FakeGoogleEndpoints.MessagesList));
    }

    [Fact]
    public async Task Send_SlowerThanTheAttemptTimeout_IsNotReSent_AndSaysTheOutcomeIsUnknown()
    {
        await using var harness = await StartAsync();
        harness.Server.InjectFault(FakeGoogleEndpoints.MessagesSend, FakeFault.Slow(FaultPipelines.SlowerThanTimeout));
        var started = TimeProvider.System.GetTimestamp();

        var error = await Assert.ThrowsAsync<AmbiguousOutcomeException>(() => harness.RunAsync("send_email", Send()));

        Assert.Contains("did not answer within 1 seconds", error.Message);
        Assert.Contains("unknown", error.Message);
        Assert.True(TimeProvider.System.GetElapsedTime(started) < FaultPipelines.SlowerThanTimeout, "the call gave up at the timeout");
        Assert.Equal(1, harness.Server.RequestCount(FakeGoogleEndpoints.MessagesSend));
    }

    // ---- credentials ----

    [Fact]
    public async Task Send_401OnAFreshToken_RefreshesOnce_AndSendsOnce()
    {
        await using var harness = await StartAsync();
        harness.Server.InjectFault(FakeGoogleEndpoints.MessagesSend, new FakeFault(401));

        var result = await harness.RunAsync("send_email", Send());

        Assert.Equal(1, harness.Server.TokenRequestCount);
        Assert.Equal(2, harness.Server.RequestCount(FakeGoogleEndpoints.MessagesSend)); // the 401 (not acted on) and the one send
        Assert.Equal(harness.Server.SentMessages.Single().Id, (string)result["id"]!);
    }

    [Fact]
    public async Task Read_401OnAFreshToken_RefreshesOnce_AndRetriesOnce()
    {
        await using var harness = await StartAsync();
        harness.Server.InjectFault(FakeGoogleEndpoints.MessagesList, new FakeFault(401));

        await harness.RunAsync("search_inbox", Search());

        Assert.Equal(1, harness.Server.TokenRequestCount);
        Assert.Equal(2, harness.Server.RequestCount(FakeGoogleEndpoints.MessagesList));
    }

    [Fact]
    public async Task Send_WithARevokedGrant_IsReconnectRequired_AndNothingIsSent()
    {
        await using var harness = await StartAsync();
        harness.Server.RevokeGrant(harness.Grant.RefreshToken);

        var error = await Assert.ThrowsAsync<ReconnectRequiredException>(() => harness.RunAsync("send_email", Send()));

        Assert.Contains(GmailHarness.ConnectorId, error.Message);
        Assert.Equal(1, harness.Server.TokenRequestCount); // one refresh attempt, answered invalid_grant, not retried
        Assert.Empty(harness.Server.SentMessages);
    }
}
