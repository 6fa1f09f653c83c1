using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Google.Tests.TestSupport;
using Connectors.Mcp.Sandbox.Google;

namespace Connectors.Mcp.Google.Tests.Auth;

public sealed class TokenRefreshTests
{
    private static readonly JsonObject ListInbox = new() { ["query"] = "in:inbox", ["max_results"] = 1 };

    [Fact]
    public async Task ExpiredAccessToken_IsRefreshedOnce_CallSucceeds_NewTokenSaved()
    {
        await using var harness = await GmailHarness.StartAsync(accessTokenLifetime: TimeSpan.FromMinutes(10));
        var before = harness.Credentials.Current!;
        harness.Time.Advance(TimeSpan.FromMinutes(11)); // both sides agree the token has expired

        var result = await harness.RunAsync("search_inbox", ListInbox.DeepClone().AsObject());

        Assert.Single(result["messages"]!.AsArray());
        Assert.Equal(1, harness.Server.TokenRequestCount);
        var saved = Assert.Single(harness.Credentials.Saved);
        Assert.NotEqual(before.AccessToken, saved.AccessToken);
        Assert.Equal(before.RefreshToken, saved.RefreshToken);
        Assert.InRange((saved.ExpiresAt!.Value - harness.Time.GetUtcNow().AddMinutes(10)).Duration(), TimeSpan.Zero, TimeSpan.FromSeconds(2));
        Assert.Same(saved, harness.Credentials.Current);
        Assert.Empty(harness.Credentials.NeedsReauthReasons);
    }

    [Fact]
    public async Task TokenStillValid_IsUsedWithoutTokenRequest()
    {
        await using var harness = await GmailHarness.StartAsync();

        await harness.RunAsync("search_inbox", ListInbox.DeepClone().AsObject());
        await harness.RunAsync("list_labels", new JsonObject());

        Assert.Equal(0, harness.Server.TokenRequestCount);
        Assert.Empty(harness.Credentials.Saved);
    }

    [Fact]
    public async Task AccessTokenRejectedByGmail_IsRefreshedAndTheRequestRetriedOnce()
    {
        await using var harness = await GmailHarness.StartAsync();
        await harness.RunAsync("list_labels", new JsonObject());
        harness.Server.ExpireAccessTokens(); // the connector still believes its token is valid

        var result = await harness.RunAsync("modify_labels", new JsonObject
        {
            ["message_id"] = harness.Seeded("Action required: mailbox migration").Id,
            ["remove_label_ids"] = new JsonArray("UNREAD"),
        });

        Assert.DoesNotContain("UNREAD", result["label_ids"]!.AsArray().Select(l => l!.GetValue<string>()));
        Assert.Equal(1, harness.Server.TokenRequestCount);
        Assert.Equal(2, harness.Server.RequestCount(FakeGoogleEndpoints.MessagesModify)); // 401, then the retry
        Assert.Single(harness.Credentials.Saved);
    }

    [Fact]
    public async Task RevokedGrant_IsReconnectRequired_MarksNeedsReauth_KeepsTheToken()
    {
        await using var harness = await GmailHarness.StartAsync(accessTokenLifetime: TimeSpan.FromMinutes(10));
        var stored = harness.Credentials.Current!;
        harness.Server.RevokeGrant(harness.Grant.RefreshToken);
        harness.Time.Advance(TimeSpan.FromMinutes(11));

        var error = await Assert.ThrowsAsync<ReconnectRequiredException>(() => harness.RunAsync("search_inbox", ListInbox.DeepClone().AsObject()));

        Assert.Equal("reconnect_required", error.Code);
        Assert.Contains($"'{GmailHarness.ConnectorName}'", error.Message);
        Assert.Contains(GmailHarness.ConnectorId, error.Message);
        Assert.Contains("must be reconnected", error.Message);
        Assert.Contains("invalid_grant", Assert.Single(harness.Credentials.NeedsReauthReasons));
        Assert.Same(stored, harness.Credentials.Current); // not deleted, not overwritten
        Assert.Empty(harness.Credentials.Saved);
        Assert.Equal(1, harness.Server.TokenRequestCount);
        Assert.Equal(0, harness.Server.RequestCount(FakeGoogleEndpoints.MessagesList));
        AssertNoSecrets(harness, error);
    }

    [Fact]
    public async Task RevokedGrant_DiscoveredThroughA401_IsReconnectRequiredToo()
    {
        await using var harness = await GmailHarness.StartAsync();
        harness.Server.RevokeGrant(harness.Grant.RefreshToken); // access token now 401s, refresh gets invalid_grant

        var error = await Assert.ThrowsAsync<ReconnectRequiredException>(() => harness.RunAsync("send_email", new JsonObject
        {
            ["to"] = new JsonArray("alice@example.com"),
            ["subject"] = "x",
            ["body"] = "y",
        }));

        Assert.Contains(GmailHarness.ConnectorId, error.Message);
        Assert.Single(harness.Credentials.NeedsReauthReasons);
        Assert.NotNull(harness.Credentials.Current);
        Assert.Equal(1, harness.Server.RequestCount(FakeGoogleEndpoints.MessagesSend));
        Assert.Empty(harness.Server.SentMessages);
        AssertNoSecrets(harness, error);
    }

    [Fact]
    public async Task NoStoredToken_IsReconnectRequiredWithoutAnyRequest()
    {
        await using var harness = await GmailHarness.StartAsync();
        var empty = new InMemoryConnectorCredentials(null);
        var connector = harness.Type.Create(harness.CreateContext(empty, harness.Context.OAuthClient));

        var error = await Assert.ThrowsAsync<ReconnectRequiredException>(
            () => connector.ExecuteAsync("list_labels", new JsonObject(), CancellationToken.None));

        Assert.Contains("must be reconnected", error.Message);
        Assert.Single(empty.NeedsReauthReasons);
        Assert.Equal(0, harness.Server.TotalRequestCount);
    }

    [Fact]
    public async Task ExpiredTokenWithoutOAuthClient_SaysToConfigureTheClient()
    {
        await using var harness = await GmailHarness.StartAsync(accessTokenLifetime: TimeSpan.FromMinutes(10));
        var connector = harness.Type.Create(harness.CreateContext(harness.Credentials, client: null));
        harness.Time.Advance(TimeSpan.FromMinutes(11));

        var error = await Assert.ThrowsAsync<AuthenticationFailedException>(
            () => connector.ExecuteAsync("list_labels", new JsonObject(), CancellationToken.None));

        Assert.Contains("connectors-mcp oauth-client set google", error.Message);
        Assert.Equal(0, harness.Server.TotalRequestCount);
    }

    [Fact]
    public async Task WrongClientSecret_IsAuthenticationFailedAboutTheClient_NotAReauth()
    {
        await using var harness = await GmailHarness.StartAsync(accessTokenLifetime: TimeSpan.FromMinutes(10));
        var connector = harness.Type.Create(harness.CreateContext(
            harness.Credentials, new OAuthClientCredentials("google", FakeGoogleServer.SandboxClientId, "wrong-secret")));
        harness.Time.Advance(TimeSpan.FromMinutes(11));

        var error = await Assert.ThrowsAsync<AuthenticationFailedException>(
            () => connector.ExecuteAsync("list_labels", new JsonObject(), CancellationToken.None));

        Assert.Contains("invalid_client", error.Message);
        Assert.DoesNotContain("wrong-secret", error.Message);
        Assert.Empty(harness.Credentials.NeedsReauthReasons);
        Assert.NotNull(harness.Credentials.Current);
    }

    [Fact]
    public async Task TokenEndpointDown_IsAuthenticationFailed_NotRetried_TokenKept()
    {
        await using var harness = await GmailHarness.StartAsync(accessTokenLifetime: TimeSpan.FromMinutes(10));
        harness.Server.InjectFault(FakeGoogleEndpoints.Token, FakeFault.Unavailable());
        harness.Time.Advance(TimeSpan.FromMinutes(11));

        var error = await Assert.ThrowsAsync<AuthenticationFailedException>(() => harness.RunAsync("list_labels", new JsonObject()));

        Assert.Contains("503", error.Message);
        Assert.Equal(1, harness.Server.TokenRequestCount);
        Assert.Empty(harness.Credentials.NeedsReauthReasons);
        Assert.NotNull(harness.Credentials.Current);
    }

    [Fact]
    public async Task TokenSetElsewhere_IsPickedUpByAnExistingConnector()
    {
        await using var harness = await GmailHarness.StartAsync();
        await harness.RunAsync("list_labels", new JsonObject());
        harness.Server.RevokeGrant(harness.Grant.RefreshToken);
        var reconnected = harness.Server.IssueTokens(); // e.g. `connector set-token` in another process
        harness.Credentials.Current = new OAuthTokens(reconnected.AccessToken, reconnected.RefreshToken, reconnected.ExpiresAt);

        var result = await harness.RunAsync("search_inbox", ListInbox.DeepClone().AsObject());

        Assert.Single(result["messages"]!.AsArray());
        Assert.Empty(harness.Credentials.NeedsReauthReasons);
        Assert.Equal(0, harness.Server.TokenRequestCount);
    }

    private static void AssertNoSecrets(GmailHarness harness, Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            Assert.DoesNotContain(harness.Grant.AccessToken, e.Message);
            Assert.DoesNotContain(harness.Grant.RefreshToken, e.Message);
            Assert.DoesNotContain(FakeGoogleServer.SandboxClientSecret, e.Message);
        }
    }
}
