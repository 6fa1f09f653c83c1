using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Google.Tests.TestSupport;
using Connectors.Mcp.Sandbox.Google;

namespace Connectors.Mcp.Google.Tests.Http;

public sealed class ErrorMappingTests
{
    private static JsonObject Search() => new() { ["query"] = "in:inbox", ["max_results"] = 2 };

    [Fact]
    public async Task Read_503_IsRetried_BecauseAGetIsSafe()
    {
        await using var harness = await GmailHarness.StartAsync();
        harness.Server.InjectFault(FakeGoogleEndpoints.MessagesList, FakeFault.Unavailable());

        var result = await harness.RunAsync("search_inbox", Search());

        Assert.Equal(2, result["messages"]!.AsArray().Count);
        Assert.Equal(2, harness.Server.RequestCount(FakeGoogleEndpoints.MessagesList));
    }

    [Fact]
    public async Task Modify_503_IsNotRetried()
    {
        await using var harness = await GmailHarness.StartAsync();
        var message = harness.Seeded("Action required: mailbox migration");
        harness.Server.InjectFault(FakeGoogleEndpoints.MessagesModify, FakeFault.Unavailable());

        var error = await Assert.ThrowsAsync<AmbiguousOutcomeException>(() => harness.RunAsync("modify_labels", new JsonObject
        {
            ["message_id"] = message.Id,
            ["remove_label_ids"] = new JsonArray("UNREAD"),
        }));

        Assert.Equal(503, error.StatusCode);
        Assert.Equal(1, harness.Server.RequestCount(FakeGoogleEndpoints.MessagesModify));
    }

    [Fact]
    public async Task Read_429_IsNotRetried_AndCarriesRetryAfterSeconds()
    {
        await using var harness = await GmailHarness.StartAsync();
        harness.Server.InjectFault(FakeGoogleEndpoints.MessagesList, FakeFault.RateLimited(TimeSpan.FromSeconds(7)));

        var error = await Assert.ThrowsAsync<RateLimitedException>(() => harness.RunAsync("search_inbox", Search()));

        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
        Assert.Equal(1, harness.Server.RequestCount(FakeGoogleEndpoints.MessagesList));
    }

    [Fact]
    public async Task RetryAfterAsHttpDate_IsMeasuredFromTheConnectorsClock()
    {
        await using var harness = await GmailHarness.StartAsync();
        var at = DateTimeOffset.FromUnixTimeSeconds(harness.Time.GetUtcNow().ToUnixTimeSeconds() + 90);
        harness.Server.InjectFault(FakeGoogleEndpoints.MessagesList, new FakeFault(429, RetryAfterDate: at));

        var error = await Assert.ThrowsAsync<RateLimitedException>(() => harness.RunAsync("search_inbox", Search()));

        Assert.NotNull(error.RetryAfter);
        Assert.InRange(error.RetryAfter!.Value.TotalSeconds, 89, 90);
    }

    [Theory]
    [InlineData("rateLimitExceeded")]
    [InlineData("userRateLimitExceeded")]
    [InlineData("dailyLimitExceeded")]
    public async Task Forbidden_WithAQuotaReason_IsRateLimited(string reason)
    {
        await using var harness = await GmailHarness.StartAsync();
        harness.Server.InjectFault(FakeGoogleEndpoints.LabelsList, new FakeFault(403, TimeSpan.FromSeconds(3), Reason: reason));

        var error = await Assert.ThrowsAsync<RateLimitedException>(() => harness.RunAsync("list_labels", new JsonObject()));

        Assert.Equal(TimeSpan.FromSeconds(3), error.RetryAfter);
    }

    [Fact]
    public async Task Forbidden_ForAnotherReason_IsProviderError()
    {
        await using var harness = await GmailHarness.StartAsync();
        harness.Server.InjectFault(FakeGoogleEndpoints.LabelsList, new FakeFault(403, Reason: "forbidden"));

        var error = await Assert.ThrowsAsync<ProviderException>(() => harness.RunAsync("list_labels", new JsonObject()));

        Assert.Equal(403, error.StatusCode);
    }

    [Fact]
    public async Task Unauthorized_EvenAfterOneForcedRefreshAndOneRetry_IsReconnectRequired_WithoutAnotherTokenRequest()
    {
        await using var harness = await GmailHarness.StartAsync();
        for (var i = 0; i < 3; i++)
        {
            harness.Server.InjectFault(FakeGoogleEndpoints.LabelsList, new FakeFault(401));
        }

        var error = await Assert.ThrowsAsync<ReconnectRequiredException>(() => harness.RunAsync("list_labels", new JsonObject()));

        Assert.Contains("401", error.Message);
        Assert.Contains(GmailHarness.ConnectorId, error.Message);
        Assert.Single(harness.Credentials.NeedsReauthReasons);

        // Stock UserCredential would try three times and refresh after each 401; ours refreshes once and retries once.
        Assert.Equal(1, harness.Server.TokenRequestCount);
        Assert.Equal(2, harness.Server.RequestCount(FakeGoogleEndpoints.LabelsList));
        Assert.DoesNotContain(harness.Grant.AccessToken, error.Message);
    }

    [Fact]
    public async Task Forbidden_InsufficientScope_IsReconnectRequired()
    {
        await using var harness = await GmailHarness.StartAsync();
        harness.Server.InjectFault(FakeGoogleEndpoints.MessagesList, new FakeFault(403, Reason: "insufficientPermissions"));

        var error = await Assert.ThrowsAsync<ReconnectRequiredException>(() => harness.RunAsync("search_inbox", Search()));

        Assert.Contains("scope", error.Message);
        Assert.Single(harness.Credentials.NeedsReauthReasons);
    }

    [Fact]
    public async Task BadRequest_CarriesGooglesMessage()
    {
        await using var harness = await GmailHarness.StartAsync();

        var error = await Assert.ThrowsAsync<ProviderException>(
            () => harness.RunAsync("search_inbox", new JsonObject { ["page_token"] = "not-a-page-token" }));

        Assert.Equal(400, error.StatusCode);
        Assert.Contains("Invalid pageToken", error.Message);
    }

    [Fact]
    public async Task Unreachable_IsProviderError()
    {
        await using var harness = await GmailHarness.StartAsync();
        var settings = new Dictionary<string, string>
        {
            ["api_base_url"] = "http://127.0.0.1:1/",
            ["token_url"] = harness.Server.TokenUrl.AbsoluteUri,
        };
        var connector = harness.Type.Create(harness.CreateContext(harness.Credentials, harness.Context.OAuthClient, settings));

        var error = await Assert.ThrowsAsync<ProviderException>(
            () => connector.ExecuteAsync("list_labels", new JsonObject(), CancellationToken.None));

        Assert.Contains("could not be reached", error.Message);
    }

    [Fact]
    public async Task EndpointSettings_AreTheOnlyPlaceTheBaseUrlComesFrom()
    {
        await using var harness = await GmailHarness.StartAsync();

        var error = await Assert.ThrowsAsync<ConnectorValidationException>(() => harness.RunAsync("search_inbox", new JsonObject
        {
            ["query"] = "x",
            ["api_base_url"] = "http://127.0.0.1:1/",
        }));

        Assert.Equal("api_base_url", error.Field);
        Assert.Equal(0, harness.Server.TotalRequestCount);
    }
}
