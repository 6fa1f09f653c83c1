using System.Net;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Core.OAuth;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Core.Tests.OAuth.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Mcp.Core.Tests.OAuth;

public sealed class OAuthConnectFlowTests
{
    private const string ClientId = "1234-acme.apps.example";
    private const string ClientSecret = "client-secret-never-shown";
    private static readonly Uri RedirectUri = new("http://127.0.0.1:53682/callback");
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly RecordingStores _stores = new();
    private readonly InMemoryOAuthStateStore _states = new();
    private readonly StubTokenEndpoint _tokenEndpoint = new();
    private readonly ConnectorInstance _connector;

    public OAuthConnectFlowTests()
    {
        _connector = _stores.Add(Connector("con_mail"));
        _stores.SetOAuthClientAsync(new OAuthClientCredentials(TestOAuth.ProviderKey, ClientId, ClientSecret), None).Wait();
    }

    [Fact]
    public async Task StartAsync_BuildsTheAuthorizationRequest_WithPkceScopesStateAndTheProvidersParameters()
    {
        var request = await Flow().StartAsync(_connector, RedirectUri, None);

        var url = request.AuthorizationUrl;
        Assert.Equal("https://id.acme.example/oauth2/auth", url.GetLeftPart(UriPartial.Path));
        var query = Query(url);
        var pending = Assert.Single(_states.Saved);
        Assert.Equal(ClientId, query["client_id"]);
        Assert.Equal("http://127.0.0.1:53682/callback", query["redirect_uri"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal($"{TestOAuth.Scope} {TestOAuth.SecondScope}", query["scope"]);
        Assert.Equal(request.State, query["state"]);
        Assert.Equal(pending.State, request.State);
        Assert.Equal(Pkce.Challenge(pending.CodeVerifier), query["code_challenge"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Equal("offline", query["access_type"]);
        Assert.Equal("consent", query["prompt"]);
        Assert.DoesNotContain(pending.CodeVerifier, url.AbsoluteUri);
        Assert.DoesNotContain(ClientSecret, url.AbsoluteUri);
        Assert.Contains("scope=https%3A%2F%2Facme.example%2Fauth%2Fmail.modify%20https", url.AbsoluteUri);
    }

    [Fact]
    public async Task StartAsync_State_IsAtLeast128RandomBits_BoundToConnectorAndRedirect_AndLivesTenMinutes()
    {
        var flow = Flow();
        var first = await flow.StartAsync(_connector, RedirectUri, None);
        var second = await flow.StartAsync(_connector, RedirectUri, None);

        Assert.True(first.State.Length >= 43, first.State); // 32 random bytes, base64url
        Assert.NotEqual(first.State, second.State);
        Assert.NotEqual(_states.Saved[0].CodeVerifier, _states.Saved[1].CodeVerifier);
        var pending = _states.Saved[0];
        Assert.Equal(_connector.Id, pending.ConnectorId);
        Assert.Equal(_connector.WorkspaceId, pending.WorkspaceId);
        Assert.Equal(RedirectUri.AbsoluteUri, pending.RedirectUri);
        Assert.Equal(_time.GetUtcNow(), pending.CreatedAt);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromMinutes(10), pending.ExpiresAt);
        Assert.Equal(pending.ExpiresAt, first.ExpiresAt);
    }

    [Fact]
    public async Task StartAsync_AuthUrlSetting_ReplacesTheProvidersEndpoint_KeepingItsQuery()
    {
        var connector = _stores.Add(Connector("con_fake", new() { [ConnectorSettings.AuthUrl] = "http://127.0.0.1:4000/o/oauth2/v2/auth?hd=acme.example" }));

        var url = (await Flow().StartAsync(connector, RedirectUri, None)).AuthorizationUrl;

        Assert.Equal("http://127.0.0.1:4000/o/oauth2/v2/auth", url.GetLeftPart(UriPartial.Path));
        Assert.Equal("acme.example", Query(url)["hd"]);
        Assert.Equal(ClientId, Query(url)["client_id"]);
    }

    [Fact]
    public async Task ProviderEndpointsThatDependOnSettings_AreUsedForConsentAndExchange_UnlessAUrlSettingIsGiven()
    {
        var regional = _stores.Add(Connector("con_eu", new() { [TestOAuth.RegionSetting] = "eu" }));
        var pinned = _stores.Add(Connector("con_pinned", new() { [TestOAuth.RegionSetting] = "eu", [ConnectorSettings.AuthUrl] = "http://127.0.0.1:4000/auth" }));
        _tokenEndpoint.Enqueue(HttpStatusCode.OK, $$"""{"access_token":"a","expires_in":3600,"scope":"{{TestOAuth.Scope}} {{TestOAuth.SecondScope}}","token_type":"Bearer"}""");
        var flow = Flow();

        var request = await flow.StartAsync(regional, RedirectUri, None);
        await flow.CompleteAsync(new OAuthCallback("code", request.State, null, null), RedirectUri, None);
        var pinnedUrl = (await flow.StartAsync(pinned, RedirectUri, None)).AuthorizationUrl;

        Assert.Equal("https://eu.id.acme.example/oauth2/auth", request.AuthorizationUrl.GetLeftPart(UriPartial.Path));
        Assert.Equal(new Uri("https://eu.id.acme.example/oauth2/token"), _tokenEndpoint.Requests.Single().Url);
        Assert.Equal("http://127.0.0.1:4000/auth", pinnedUrl.GetLeftPart(UriPartial.Path));
    }

    [Fact]
    public async Task StartAsync_MalformedSettingTheProviderReads_IsRefusedByName_AndStoresNoState()
    {
        var connector = _stores.Add(Connector("con_bad", new() { [TestOAuth.RegionSetting] = "eu/../evil" }));

        var error = await Assert.ThrowsAsync<OAuthConnectException>(() => Flow().StartAsync(connector, RedirectUri, None));

        Assert.Equal(OAuthConnectError.InvalidEndpointSetting, error.Error);
        Assert.Contains("Setting 'region'", error.Message);
        Assert.Empty(_states.Saved);
    }

    [Fact]
    public async Task StartAsync_NoOAuthClient_RefusesWithTheExactCommand_AndStoresNoState()
    {
        var stores = new RecordingStores();
        var connector = stores.Add(Connector("con_mail"));

        var error = await Assert.ThrowsAsync<OAuthConnectException>(() => Flow(stores).StartAsync(connector, RedirectUri, None));

        Assert.Equal(OAuthConnectError.NoOAuthClient, error.Error);
        Assert.Contains($"connectors-mcp oauth-client set {TestOAuth.ProviderKey} --client-id ID --client-secret -", error.Message);
        Assert.False(error.StartAgain);
        Assert.Empty(_states.Saved);
    }

    [Fact]
    public async Task StartAsync_ProviderWithoutConnectFlow_RefusesAndPointsAtSetToken()
    {
        var error = await Assert.ThrowsAsync<OAuthConnectException>(() =>
            Flow(types: new TestOAuth.ConnectorType("zoom")).StartAsync(_connector, RedirectUri, None));

        Assert.Equal(OAuthConnectError.UnsupportedProvider, error.Error);
        Assert.Contains($"connector set-token {_connector.Id}", error.Message);
    }

    [Fact]
    public async Task CompleteAsync_ExchangesTheCodeWithTheVerifierAndExactRedirect_AndStoresTheTokens()
    {
        var flow = Flow();
        var request = await flow.StartAsync(_connector, RedirectUri, None);
        var verifier = _states.Saved[0].CodeVerifier;
        _time.Advance(TimeSpan.FromMinutes(2));

        var connection = await flow.CompleteAsync(new OAuthCallback("4/the-code", request.State, null, null), RedirectUri, None);

        var (url, form) = Assert.Single(_tokenEndpoint.Requests);
        Assert.Equal(TestOAuth.TokenEndpoint, url);
        Assert.Equal("authorization_code", form["grant_type"]);
        Assert.Equal("4/the-code", form["code"]);
        Assert.Equal(RedirectUri.AbsoluteUri, form["redirect_uri"]);
        Assert.Equal(verifier, form["code_verifier"]);
        Assert.Equal(Query(request.AuthorizationUrl)["code_challenge"], Pkce.Challenge(form["code_verifier"]));
        Assert.Equal(ClientId, form["client_id"]);
        Assert.Equal(ClientSecret, form["client_secret"]);

        var (workspaceId, connectorId, tokens) = Assert.Single(_stores.SavedTokens);
        Assert.Equal((_connector.WorkspaceId, _connector.Id), (workspaceId, connectorId));
        Assert.Equal(StubTokenEndpoint.AccessToken, tokens.AccessToken);
        Assert.Equal(StubTokenEndpoint.RefreshToken, tokens.RefreshToken);
        Assert.Equal(_time.GetUtcNow().AddSeconds(3599), tokens.ExpiresAt);
        Assert.Equal($"{TestOAuth.Scope} {TestOAuth.SecondScope}", tokens.Scope);
        Assert.Equal(ConnectorStatus.Active, connection.Connector.Status);
        Assert.True(connection.HasRefreshToken);
        Assert.Null(connection.AccountEmail);
        Assert.Equal("Acme Mail", connection.TypeDisplayName);
    }

    [Fact]
    public async Task CompleteAsync_TokenEndpointSetting_IsUsed_AndAnIdTokensEmailIsReported()
    {
        var connector = _stores.Add(Connector("con_fake", new() { [ConnectorSettings.TokenUrl] = "http://127.0.0.1:4000/token" }));
        var idToken = TestOAuth.IdToken(new { sub = "42", email = "demo.user@sandbox.test" });
        _tokenEndpoint.Enqueue(HttpStatusCode.OK, $$"""{"access_token":"a","expires_in":"3600","scope":"{{TestOAuth.Scope}} {{TestOAuth.SecondScope}} openid","token_type":"Bearer","id_token":"{{idToken}}"}""");
        var flow = Flow();
        var request = await flow.StartAsync(connector, RedirectUri, None);

        var connection = await flow.CompleteAsync(new OAuthCallback("code", request.State, null, null), RedirectUri, None);

        Assert.Equal(new Uri("http://127.0.0.1:4000/token"), _tokenEndpoint.Requests.Single().Url);
        Assert.Equal("demo.user@sandbox.test", connection.AccountEmail);
        Assert.False(connection.HasRefreshToken);
        Assert.Null(_stores.SavedTokens.Single().Tokens.RefreshToken);
        Assert.Equal(_time.GetUtcNow().AddSeconds(3600), _stores.SavedTokens.Single().Tokens.ExpiresAt);
    }

    [Fact]
    public async Task CompleteAsync_SameStateTwice_SecondIsAReplay_OneExchangeOneSave()
    {
        var flow = Flow();
        var request = await flow.StartAsync(_connector, RedirectUri, None);
        var callback = new OAuthCallback("code", request.State, null, null);
        await flow.CompleteAsync(callback, RedirectUri, None);

        var replay = await Assert.ThrowsAsync<OAuthConnectException>(() => flow.CompleteAsync(callback, RedirectUri, None));

        Assert.Equal(OAuthConnectError.StateAlreadyUsed, replay.Error);
        Assert.Single(_tokenEndpoint.Requests);
        Assert.Single(_stores.SavedTokens);
    }

    [Theory]
    [InlineData(9 * 60 + 59, null)]
    [InlineData(10 * 60, OAuthConnectError.ExpiredState)]
    [InlineData(60 * 60, OAuthConnectError.ExpiredState)]
    public async Task CompleteAsync_StateAge_ExpiresAtTenMinutes(int secondsLater, OAuthConnectError? expected)
    {
        var flow = Flow();
        var request = await flow.StartAsync(_connector, RedirectUri, None);
        _time.Advance(TimeSpan.FromSeconds(secondsLater));

        var error = await Record.ExceptionAsync(() => flow.CompleteAsync(new OAuthCallback("code", request.State, null, null), RedirectUri, None));

        Assert.Equal(expected, (error as OAuthConnectException)?.Error);
        Assert.Equal(expected is null ? 1 : 0, _tokenEndpoint.Requests.Count);
        Assert.Equal(expected is null ? 1 : 0, _stores.SavedTokens.Count);
    }

    [Fact]
    public async Task CompleteAsync_ExpiredState_IsSpentToo()
    {
        var flow = Flow();
        var request = await flow.StartAsync(_connector, RedirectUri, None);
        _time.Advance(TimeSpan.FromMinutes(11));
        var callback = new OAuthCallback("code", request.State, null, null);
        await Assert.ThrowsAsync<OAuthConnectException>(() => flow.CompleteAsync(callback, RedirectUri, None));

        var again = await Assert.ThrowsAsync<OAuthConnectException>(() => flow.CompleteAsync(callback, RedirectUri, None));

        Assert.Equal(OAuthConnectError.StateAlreadyUsed, again.Error);
    }

    [Theory]
    [InlineData(null, OAuthConnectError.MissingState)]
    [InlineData("a-state-never-issued", OAuthConnectError.UnknownState)]
    public async Task CompleteAsync_MissingOrUnknownState_StoresNothing(string? state, OAuthConnectError expected)
    {
        var flow = Flow();
        await flow.StartAsync(_connector, RedirectUri, None);

        var error = await Assert.ThrowsAsync<OAuthConnectException>(() => flow.CompleteAsync(new OAuthCallback("code", state, null, null), RedirectUri, None));

        Assert.Equal(expected, error.Error);
        Assert.True(error.StartAgain);
        Assert.Empty(_tokenEndpoint.Requests);
        Assert.Empty(_stores.SavedTokens);
    }

    [Theory]
    [InlineData("http://127.0.0.1:53683/callback")]
    [InlineData("http://localhost:53682/callback")]
    [InlineData("http://127.0.0.1:53682/callback/")]
    [InlineData("https://127.0.0.1:53682/callback")]
    public async Task CompleteAsync_RedirectUriNotExactlyTheOneStarted_IsRefused_NothingExchanged(string arrivedAt)
    {
        var flow = Flow();
        var request = await flow.StartAsync(_connector, RedirectUri, None);

        var error = await Assert.ThrowsAsync<OAuthConnectException>(() =>
            flow.CompleteAsync(new OAuthCallback("code", request.State, null, null), new Uri(arrivedAt), None));

        Assert.Equal(OAuthConnectError.RedirectUriMismatch, error.Error);
        Assert.Empty(_tokenEndpoint.Requests);
        Assert.Empty(_stores.SavedTokens);
    }

    [Fact]
    public async Task CompleteAsync_AccessDenied_StoresNothing_AndSpendsTheState()
    {
        var flow = Flow();
        var request = await flow.StartAsync(_connector, RedirectUri, None);
        var denied = new OAuthCallback(null, request.State, "access_denied", null);

        var error = await Assert.ThrowsAsync<OAuthConnectException>(() => flow.CompleteAsync(denied, RedirectUri, None));
        var retry = await Assert.ThrowsAsync<OAuthConnectException>(() => flow.CompleteAsync(new OAuthCallback("code", request.State, null, null), RedirectUri, None));

        Assert.Equal(OAuthConnectError.AccessDenied, error.Error);
        Assert.Contains("not granted", error.Message);
        Assert.Contains("Nothing was stored", error.Message);
        Assert.Equal(OAuthConnectError.StateAlreadyUsed, retry.Error);
        Assert.Empty(_tokenEndpoint.Requests);
        Assert.Empty(_stores.SavedTokens);
    }

    [Fact]
    public async Task CompleteAsync_OtherProviderError_NamesItWithoutControlCharacters()
    {
        var flow = Flow();
        var request = await flow.StartAsync(_connector, RedirectUri, None);

        var error = await Assert.ThrowsAsync<OAuthConnectException>(() =>
            flow.CompleteAsync(new OAuthCallback(null, request.State, "admin_policy_enforced", "Blocked by\r\nyour admin"), RedirectUri, None));

        Assert.Equal(OAuthConnectError.AuthorizationFailed, error.Error);
        Assert.Contains("admin_policy_enforced: Blocked by  your admin", error.Message);
    }

    [Fact]
    public async Task CompleteAsync_InvalidGrant_IsCodeRejected_AndNeverEchoesTheCodeVerifierOrSecret()
    {
        var flow = Flow();
        var request = await flow.StartAsync(_connector, RedirectUri, None);
        var verifier = _states.Saved[0].CodeVerifier;
        _tokenEndpoint.Enqueue(HttpStatusCode.BadRequest, $$"""{"error":"invalid_grant","error_description":"Bad code 4/secret-code, verifier {{verifier}}, secret {{ClientSecret}}"}""");

        var error = await Assert.ThrowsAsync<OAuthConnectException>(() =>
            flow.CompleteAsync(new OAuthCallback("4/secret-code", request.State, null, null), RedirectUri, None));

        Assert.Equal(OAuthConnectError.CodeRejected, error.Error);
        Assert.Contains("invalid_grant", error.Message);
        Assert.DoesNotContain("4/secret-code", error.Message);
        Assert.DoesNotContain(verifier, error.Message);
        Assert.DoesNotContain(ClientSecret, error.Message);
        Assert.Empty(_stores.SavedTokens);
    }

    [Fact]
    public async Task CompleteAsync_InvalidClient_SaysHowToSetTheClient()
    {
        var flow = Flow();
        var request = await flow.StartAsync(_connector, RedirectUri, None);
        _tokenEndpoint.Enqueue(HttpStatusCode.Unauthorized, """{"error":"invalid_client","error_description":"The OAuth client was not found."}""");

        var error = await Assert.ThrowsAsync<OAuthConnectException>(() => flow.CompleteAsync(new OAuthCallback("c", request.State, null, null), RedirectUri, None));

        Assert.Equal(OAuthConnectError.ClientRejected, error.Error);
        Assert.False(error.StartAgain);
        Assert.Contains($"connectors-mcp oauth-client set {TestOAuth.ProviderKey}", error.Message);
    }

    [Fact]
    public async Task CompleteAsync_TokenEndpointDownOr5xx_IsUnavailable_NothingStored()
    {
        var flow = Flow();
        var first = await flow.StartAsync(_connector, RedirectUri, None);
        var second = await flow.StartAsync(_connector, RedirectUri, None);
        _tokenEndpoint.Enqueue(HttpStatusCode.ServiceUnavailable, "<html>down</html>");
        _tokenEndpoint.EnqueueFailure(new HttpRequestException(HttpRequestError.ConnectionError, "refused"));

        var status = await Assert.ThrowsAsync<OAuthConnectException>(() => flow.CompleteAsync(new OAuthCallback("c", first.State, null, null), RedirectUri, None));
        var network = await Assert.ThrowsAsync<OAuthConnectException>(() => flow.CompleteAsync(new OAuthCallback("c", second.State, null, null), RedirectUri, None));

        Assert.Equal(OAuthConnectError.TokenEndpointUnavailable, status.Error);
        Assert.Contains("HTTP 503", status.Message);
        Assert.Equal(OAuthConnectError.TokenEndpointUnavailable, network.Error);
        Assert.Empty(_stores.SavedTokens);
    }

    [Theory]
    [InlineData("""{"expires_in":3600}""")]
    [InlineData("""not json""")]
    [InlineData("""[1,2]""")]
    public async Task CompleteAsync_200WithoutAnAccessToken_IsAnInvalidResponse(string body)
    {
        var flow = Flow();
        var request = await flow.StartAsync(_connector, RedirectUri, None);
        _tokenEndpoint.Enqueue(HttpStatusCode.OK, body);

        var error = await Assert.ThrowsAsync<OAuthConnectException>(() => flow.CompleteAsync(new OAuthCallback("c", request.State, null, null), RedirectUri, None));

        Assert.Equal(OAuthConnectError.InvalidTokenResponse, error.Error);
        Assert.Empty(_stores.SavedTokens);
    }

    [Fact]
    public async Task CompleteAsync_FewerScopesGrantedThanTheTypeNeeds_StoresNothing()
    {
        var flow = Flow();
        var request = await flow.StartAsync(_connector, RedirectUri, None);
        _tokenEndpoint.Scope = TestOAuth.Scope;

        var error = await Assert.ThrowsAsync<OAuthConnectException>(() => flow.CompleteAsync(new OAuthCallback("c", request.State, null, null), RedirectUri, None));

        Assert.Equal(OAuthConnectError.InsufficientScope, error.Error);
        Assert.Contains(TestOAuth.SecondScope, error.Message);
        Assert.Empty(_stores.SavedTokens);
    }

    [Fact]
    public async Task CompleteAsync_ConnectorInError_IsEnabledAgain_ButDisabledStaysDisabled()
    {
        var failing = _stores.Add(Connector("con_failing") with { Status = ConnectorStatus.Error });
        var disabled = _stores.Add(Connector("con_off") with { Status = ConnectorStatus.Disabled });
        var flow = Flow();
        var first = await flow.StartAsync(failing, RedirectUri, None);
        var second = await flow.StartAsync(disabled, RedirectUri, None);

        var revived = await flow.CompleteAsync(new OAuthCallback("c", first.State, null, null), RedirectUri, None);
        var stillOff = await flow.CompleteAsync(new OAuthCallback("c", second.State, null, null), RedirectUri, None);

        Assert.Equal(ConnectorStatus.Active, revived.Connector.Status);
        Assert.Equal(ConnectorStatus.Disabled, stillOff.Connector.Status);
        Assert.Equal(2, _stores.SavedTokens.Count);
    }

    [Fact]
    public async Task CompleteAsync_ConnectorRemovedMeanwhile_StoresNothing()
    {
        var flow = Flow();
        var request = await flow.StartAsync(_connector, RedirectUri, None);
        await _stores.RemoveAsync(_connector.Id, None);

        var error = await Assert.ThrowsAsync<OAuthConnectException>(() => flow.CompleteAsync(new OAuthCallback("c", request.State, null, null), RedirectUri, None));

        Assert.Equal(OAuthConnectError.UnknownConnector, error.Error);
        Assert.Empty(_tokenEndpoint.Requests);
    }

    [Fact]
    public void Callback_ToString_HidesCodeAndState()
    {
        var text = new OAuthCallback("4/code-value", "state-value", null, null).ToString();

        Assert.DoesNotContain("4/code-value", text);
        Assert.DoesNotContain("state-value", text);
    }

    private OAuthConnectFlow Flow(RecordingStores? stores = null, IConnectorType? types = null) => new(
        new ConnectorRegistry([types ?? new TestOAuth.ConnectorType()]),
        new OAuthProviderRegistry([new TestOAuth.AcmeProvider()]),
        stores ?? _stores,
        stores ?? _stores,
        _states,
        _tokenEndpoint,
        _time,
        NullLogger<OAuthConnectFlow>.Instance);

    private ConnectorInstance Connector(string id, Dictionary<string, string>? settings = null) =>
        new(id, "ws_acme", id.Replace("con_", "", StringComparison.Ordinal), "acme_mail", ConnectorStatus.NeedsReauth, settings ?? [], _time.GetUtcNow(), null, null, 0);

    private static Dictionary<string, string> Query(Uri url) =>
        url.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p[1]));
}
