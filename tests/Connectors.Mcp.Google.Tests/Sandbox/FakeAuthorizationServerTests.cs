using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connectors.Mcp.Sandbox.Google;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Mcp.Google.Tests.Sandbox;

/// <summary>
/// The fake's authorization server, driven as a browser and a client would: consent redirects, then the code exchange
/// held to PKCE, the exact redirect URI, single use, expiry and the client — so the connect flow's tests can fail.
/// </summary>
public sealed class FakeAuthorizationServerTests : IAsyncLifetime
{
    private const string Redirect = "http://127.0.0.1:9/callback";
    private const string Scope = "https://www.googleapis.com/auth/gmail.modify";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly FakeGoogleServer _server;
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false });
    private readonly string _verifier = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public FakeAuthorizationServerTests() => _server = new FakeGoogleServer(new FakeGoogleServerOptions { Time = _time, SeedMailbox = false });

    public Task InitializeAsync() => _server.StartAsync();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task PkceS256_RightVerifier_IssuesTokensWithRefreshTokenForOfflineAccess_AndTheyWorkAtGmail()
    {
        var location = await ConsentAsync(Challenge(_verifier));
        Assert.StartsWith(Redirect + "?code=", location.AbsoluteUri);
        Assert.Equal("s123", Param(location, "state"));
        Assert.Equal(Scope, Param(location, "scope"));

        var (status, json) = await ExchangeAsync(Param(location, "code")!, _verifier);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("1//", json["refresh_token"]!.GetValue<string>());
        Assert.Equal(Scope, json["scope"]!.GetValue<string>());
        Assert.Null(json["id_token"]);
        using var labels = new HttpRequestMessage(HttpMethod.Get, new Uri(_server.BaseUrl, "gmail/v1/users/me/labels"));
        labels.Headers.Authorization = new("Bearer", json["access_token"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await _http.SendAsync(labels)).StatusCode);
    }

    [Fact]
    public async Task WrongVerifier_IsInvalidGrant_AndSpendsTheCode()
    {
        var code = Param(await ConsentAsync(Challenge(_verifier)), "code")!;

        var (wrongStatus, wrong) = await ExchangeAsync(code, Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32)));
        var (retryStatus, retry) = await ExchangeAsync(code, _verifier);

        Assert.Equal(HttpStatusCode.BadRequest, wrongStatus);
        Assert.Equal("invalid_grant", wrong["error"]!.GetValue<string>());
        Assert.Equal("Invalid code verifier.", wrong["error_description"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, retryStatus);
        Assert.Equal("invalid_grant", retry["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task MissingVerifier_ForACodeIssuedWithAChallenge_IsInvalidGrant()
    {
        var code = Param(await ConsentAsync(Challenge(_verifier)), "code")!;

        var (status, json) = await ExchangeAsync(code, verifier: null);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Missing code verifier.", json["error_description"]!.GetValue<string>());
    }

    [Fact]
    public async Task RedirectUriDifferentFromTheAuthorizationRequest_IsRedirectUriMismatch()
    {
        var code = Param(await ConsentAsync(Challenge(_verifier)), "code")!;

        var (status, json) = await ExchangeAsync(code, _verifier, redirectUri: "http://127.0.0.1:10/callback");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("redirect_uri_mismatch", json["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Code_IsSingleUse()
    {
        var code = Param(await ConsentAsync(Challenge(_verifier)), "code")!;

        var (first, _) = await ExchangeAsync(code, _verifier);
        var (second, replay) = await ExchangeAsync(code, _verifier);

        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Equal(HttpStatusCode.BadRequest, second);
        Assert.Equal("invalid_grant", replay["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Code_ExpiresAfterTenMinutes()
    {
        var code = Param(await ConsentAsync(Challenge(_verifier)), "code")!;
        _time.Advance(TimeSpan.FromMinutes(10));

        var (status, json) = await ExchangeAsync(code, _verifier);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", json["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task WrongClientSecret_IsInvalidClient()
    {
        var code = Param(await ConsentAsync(Challenge(_verifier)), "code")!;

        var (status, json) = await ExchangeAsync(code, _verifier, clientSecret: "not-the-secret");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("invalid_client", json["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task OnlineAccess_IssuesNoRefreshToken()
    {
        var code = Param(await ConsentAsync(Challenge(_verifier), accessType: null), "code")!;

        var (status, json) = await ExchangeAsync(code, _verifier);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(json["refresh_token"]);
    }

    [Fact]
    public async Task DenyConsent_RedirectsWithAccessDeniedAndTheState_NoCode()
    {
        _server.DenyConsent = true;

        var location = await ConsentAsync(Challenge(_verifier));

        Assert.Equal("access_denied", Param(location, "error"));
        Assert.Equal("s123", Param(location, "state"));
        Assert.Null(Param(location, "code"));
    }

    [Fact]
    public async Task WithheldScopes_AreMissingFromTheGrant()
    {
        _server.WithheldScopes = ["https://www.googleapis.com/auth/calendar.events"];
        var location = await ConsentAsync(Challenge(_verifier), scope: $"{Scope} https://www.googleapis.com/auth/calendar.events");

        var (_, json) = await ExchangeAsync(Param(location, "code")!, _verifier);

        Assert.Equal(Scope, Param(location, "scope"));
        Assert.Equal(Scope, json["scope"]!.GetValue<string>());
    }

    [Fact]
    public async Task OpenIdEmailScopes_AddAnIdTokenNamingTheAccount()
    {
        var location = await ConsentAsync(Challenge(_verifier), scope: $"openid email {Scope}");

        var (_, json) = await ExchangeAsync(Param(location, "code")!, _verifier);

        var payload = JsonNode.Parse(Base64Url.DecodeFromChars(json["id_token"]!.GetValue<string>().Split('.')[1]))!;
        Assert.Equal(FakeGoogleServer.SandboxUserAddress, payload["email"]!.GetValue<string>());
        Assert.Equal(FakeGoogleServer.SandboxClientId, payload["aud"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("client_id=someone-else", HttpStatusCode.Unauthorized)]
    [InlineData("redirect_uri=not-absolute", HttpStatusCode.BadRequest)]
    [InlineData("response_type=token", HttpStatusCode.BadRequest)]
    [InlineData("scope=", HttpStatusCode.BadRequest)]
    [InlineData("code_challenge_method=S512", HttpStatusCode.BadRequest)]
    [InlineData("code_challenge=short", HttpStatusCode.BadRequest)]
    public async Task BadAuthorizationRequest_ShowsAnErrorPage_NeverRedirects(string replacement, HttpStatusCode expected)
    {
        var parameters = ConsentParameters(Challenge(_verifier), Scope, "offline");
        var (name, value) = (replacement.Split('=')[0], replacement.Split('=')[1]);
        parameters[name] = value;

        using var response = await _http.GetAsync(ConsentUrl(parameters));

        Assert.Equal(expected, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    private async Task<Uri> ConsentAsync(string challenge, string scope = Scope, string? accessType = "offline")
    {
        using var response = await _http.GetAsync(ConsentUrl(ConsentParameters(challenge, scope, accessType)));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!;
    }

    private static Dictionary<string, string> ConsentParameters(string challenge, string scope, string? accessType)
    {
        var parameters = new Dictionary<string, string>
        {
            ["client_id"] = FakeGoogleServer.SandboxClientId,
            ["redirect_uri"] = Redirect,
            ["response_type"] = "code",
            ["scope"] = scope,
            ["state"] = "s123",
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
        };
        if (accessType is not null)
        {
            parameters["access_type"] = accessType;
        }

        return parameters;
    }

    private Uri ConsentUrl(Dictionary<string, string> parameters) =>
        new($"{_server.AuthUrl}?{string.Join('&', parameters.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"))}");

    private async Task<(HttpStatusCode Status, JsonObject Json)> ExchangeAsync(string code, string? verifier, string redirectUri = Redirect, string clientSecret = FakeGoogleServer.SandboxClientSecret)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = redirectUri,
            ["client_id"] = FakeGoogleServer.SandboxClientId,
            ["client_secret"] = clientSecret,
        };
        if (verifier is not null)
        {
            form["code_verifier"] = verifier;
        }

        using var response = await _http.PostAsync(_server.TokenUrl, new FormUrlEncodedContent(form));
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    private static string Challenge(string verifier) => Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    private static string? Param(Uri url, string name) => url.Query.TrimStart('?').Split('&')
        .Select(p => p.Split('=', 2))
        .Where(p => p[0] == name)
        .Select(p => Uri.UnescapeDataString(p[1]))
        .FirstOrDefault();
}
