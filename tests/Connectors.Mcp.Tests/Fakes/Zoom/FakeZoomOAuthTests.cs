using System.Net;
using Connectors.Mcp.Sandbox.Zoom;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Mcp.Tests.Fakes.Zoom;

/// <summary>The fake's OAuth speaks Zoom's: each grant, rotation, PKCE, Basic client auth, revocation, bearer checks.</summary>
public sealed class FakeZoomOAuthTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));
    private readonly FakeZoomServer _server;
    private readonly ZoomWire _wire;

    public FakeZoomOAuthTests()
    {
        _server = new FakeZoomServer(new FakeZoomServerOptions { Time = _time });
        _wire = new ZoomWire(_server);
    }

    public Task InitializeAsync() => _server.StartAsync();

    public async Task DisposeAsync()
    {
        _wire.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public void Urls_AreOneLoopbackHost_WithTheOAuthPathsAndTheApiUnderV2()
    {
        Assert.Equal("127.0.0.1", _server.BaseUrl.Host);
        Assert.NotEqual(0, _server.BaseUrl.Port);
        Assert.Equal(new Uri(_server.BaseUrl, "v2/"), _server.ApiBaseUrl);
        Assert.Equal(new Uri(_server.BaseUrl, "oauth/token"), _server.TokenUrl);
        Assert.Equal(new Uri(_server.BaseUrl, "oauth/authorize"), _server.AuthUrl);
        Assert.NotEqual(_server.ClientSecret, new FakeZoomServer().ClientSecret); // random per fake, never a shared constant
    }

    [Fact]
    public async Task AuthorizationCode_WithPkceS256_IssuesABearerTokenThatTheApiAccepts()
    {
        var (code, verifier, redirect) = await _wire.AuthorizeAsync();

        var answer = await _wire.TokenAsync(new() { ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = redirect, ["code_verifier"] = verifier });
        var json = answer.Json;
        var list = await _wire.ApiAsync(HttpMethod.Get, "users/me/meetings", json["access_token"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("bearer", json["token_type"]!.GetValue<string>());
        Assert.Equal(3599, json["expires_in"]!.GetValue<long>());
        Assert.True(_server.IsLiveRefreshToken(json["refresh_token"]!.GetValue<string>()));
        Assert.Contains("meeting:write", json["scope"]!.GetValue<string>());
        Assert.Equal(_server.BaseUrl.ToString().TrimEnd('/'), json["api_url"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Equal(1, _server.TokenRequests("authorization_code"));
        Assert.Equal(1, _server.TokenRequestCount);
    }

    [Fact]
    public async Task AuthorizationCode_WithAnotherVerifier_IsRefused_AndTheCodeIsSpent()
    {
        var (code, verifier, redirect) = await _wire.AuthorizeAsync();
        var wrong = new string('a', 43);

        var refused = await _wire.TokenAsync(new() { ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = redirect, ["code_verifier"] = wrong });
        var retried = await _wire.TokenAsync(new() { ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = redirect, ["code_verifier"] = verifier });

        ZoomWire.AssertOAuthError(refused, HttpStatusCode.BadRequest, "invalid_grant");
        ZoomWire.AssertOAuthError(retried, HttpStatusCode.BadRequest, "invalid_grant");
        Assert.Equal(2, _server.TokenRequests("authorization_code"));
    }

    [Fact]
    public async Task AuthorizationCode_WithAnotherRedirectUri_IsRefused()
    {
        var (code, verifier, _) = await _wire.AuthorizeAsync();

        var refused = await _wire.TokenAsync(new() { ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = "http://127.0.0.1:5555/other", ["code_verifier"] = verifier });

        ZoomWire.AssertOAuthError(refused, HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task Authorize_WithAPlainChallenge_RedirectsBackWithInvalidRequest()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        using var response = await http.GetAsync(new Uri(_server.AuthUrl,
            $"?response_type=code&client_id={_server.ClientId}&redirect_uri=http%3A%2F%2F127.0.0.1%3A5555%2Fcb&state=s&code_challenge=abc&code_challenge_method=plain"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("error=invalid_request", response.Headers.Location!.Query);
        Assert.DoesNotContain("code=", response.Headers.Location!.Query);
    }

    [Fact]
    public async Task RefreshToken_AlwaysRotates_AndTheUsedOneIsDeadAtOnce()
    {
        var grant = _server.IssueTokens();

        var first = await _wire.RefreshAsync(grant.RefreshToken);
        var replay = await _wire.RefreshAsync(grant.RefreshToken);
        var rotated = first.Json["refresh_token"]!.GetValue<string>();
        var second = await _wire.RefreshAsync(rotated);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.NotEqual(grant.RefreshToken, rotated);
        Assert.NotEqual(grant.AccessToken, first.Json["access_token"]!.GetValue<string>());
        ZoomWire.AssertOAuthError(replay, HttpStatusCode.BadRequest, "invalid_grant");
        Assert.Equal("Invalid Token!", replay.Json["reason"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.False(_server.IsLiveRefreshToken(grant.RefreshToken));
        Assert.False(_server.IsLiveRefreshToken(rotated));
        Assert.True(_server.IsLiveRefreshToken(second.Json["refresh_token"]!.GetValue<string>()));
        Assert.Equal(3, _server.TokenRequests("refresh_token"));
    }

    [Fact]
    public async Task RefreshToken_ConcurrentUses_OnlyOneWins()
    {
        var grant = _server.IssueTokens();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _wire.RefreshAsync(grant.RefreshToken)));

        Assert.Single(answers, a => a.Status == HttpStatusCode.OK);
        Assert.Equal(7, answers.Count(a => a.Status == HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Token_ClientSecretInTheBodyInsteadOfBasic_IsInvalidClient()
    {
        using var http = new HttpClient();
        var grant = _server.IssueTokens();

        using var response = await http.PostAsync(_server.TokenUrl, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = grant.RefreshToken,
            ["client_id"] = _server.ClientId,
            ["client_secret"] = _server.ClientSecret,
        }));
        var wrongSecret = await _wire.TokenAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = grant.RefreshToken }, _server.ClientId, "not-the-secret");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid_client", await response.Content.ReadAsStringAsync());
        ZoomWire.AssertOAuthError(wrongSecret, HttpStatusCode.Unauthorized, "invalid_client");
        Assert.True(_server.IsLiveRefreshToken(grant.RefreshToken)); // a refused client spends nothing
    }

    [Fact]
    public async Task AccountCredentials_ForTheS2SApp_IssuesAnHourTokenWithoutARefreshToken()
    {
        var answer = await _wire.S2SAsync();
        var call = await _wire.ApiAsync(HttpMethod.Get, "users/me/meetings?type=upcoming", answer.Json["access_token"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Null(answer.Json["refresh_token"]);
        Assert.Equal(3599, answer.Json["expires_in"]!.GetValue<long>());
        Assert.Equal(HttpStatusCode.OK, call.Status);
        Assert.Equal(1, _server.TokenRequests("account_credentials"));
    }

    [Fact]
    public async Task AccountCredentials_WrongAccountOrWrongApp_AndRefreshForS2S_AreRefused()
    {
        var wrongAccount = await _wire.S2SAsync("someone-elses-account");
        var userApp = await _wire.TokenAsync(new() { ["grant_type"] = "account_credentials", ["account_id"] = _server.S2SAccountId });
        var refreshAsS2S = await _wire.TokenAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = _server.MintRefreshToken() }, _server.S2SClientId, _server.S2SClientSecret);
        var unknownGrant = await _wire.TokenAsync(new() { ["grant_type"] = "password" });

        ZoomWire.AssertOAuthError(wrongAccount, HttpStatusCode.BadRequest, "invalid_request");
        ZoomWire.AssertOAuthError(userApp, HttpStatusCode.BadRequest, "unsupported_grant_type");
        ZoomWire.AssertOAuthError(refreshAsS2S, HttpStatusCode.BadRequest, "unsupported_grant_type");
        ZoomWire.AssertOAuthError(unknownGrant, HttpStatusCode.BadRequest, "unsupported_grant_type");
        Assert.Equal(1, _server.TokenRequests("other"));
        Assert.Equal(0, _server.TokenRequests("password"));
    }

    [Fact]
    public async Task Bearer_UnknownMissingOrExpired_Answers401Code124()
    {
        var grant = _server.IssueTokens();
        var unknown = await _wire.ApiAsync(HttpMethod.Get, "users/me/meetings", "not-a-token");
        var missing = await _wire.ApiAsync(HttpMethod.Get, "users/me/meetings", accessToken: null);
        var fresh = await _wire.ApiAsync(HttpMethod.Get, "users/me/meetings", grant.AccessToken);

        _time.Advance(TimeSpan.FromSeconds(3600));
        var expired = await _wire.ApiAsync(HttpMethod.Get, "users/me/meetings", grant.AccessToken);

        Assert.Equal("Invalid access token.", ZoomWire.AssertError(unknown, HttpStatusCode.Unauthorized, 124)["message"]!.GetValue<string>());
        ZoomWire.AssertError(missing, HttpStatusCode.Unauthorized, 124);
        Assert.Equal(HttpStatusCode.OK, fresh.Status);
        Assert.Equal("Access token is expired.", ZoomWire.AssertError(expired, HttpStatusCode.Unauthorized, 124)["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Revoke_KillsTheGrant_RefreshAndAccessTokens()
    {
        var grant = _server.IssueTokens();

        var revoked = await _wire.TokenAsyncAt(_server.RevokeUrl, new() { ["token"] = grant.AccessToken });
        var call = await _wire.ApiAsync(HttpMethod.Get, "users/me/meetings", grant.AccessToken);
        var refresh = await _wire.RefreshAsync(grant.RefreshToken);

        Assert.Equal(HttpStatusCode.OK, revoked.Status);
        Assert.Equal("success", revoked.Json["status"]!.GetValue<string>());
        ZoomWire.AssertError(call, HttpStatusCode.Unauthorized, 124);
        ZoomWire.AssertOAuthError(refresh, HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task LostTokenResponse_RotatesButAnswersNothing_SoTheOldRefreshTokenIsDead()
    {
        var grant = _server.IssueTokens();
        _server.LoseNextTokenResponses();

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => _wire.RefreshAsync(grant.RefreshToken));
        var retry = await _wire.RefreshAsync(grant.RefreshToken);

        ZoomWire.AssertOAuthError(retry, HttpStatusCode.BadRequest, "invalid_grant");
        Assert.Equal(2, _server.TokenRequests("refresh_token"));
    }
}
