using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace Connectors.Mcp.Tests.EndToEnd;

/// <summary>
/// The server's connect flow against the built executable: <c>GET /oauth/start/{id}</c> with an admin token → the
/// fake Google (approves without a page) → <c>GET /oauth/callback</c> without a key, authenticated by the single-use
/// state alone. Each test connects its own connector; the fake is in the test process, so the test sees what reached it.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class OAuthHttpFlowTests(OAuthHttpFixture fixture) : IClassFixture<OAuthHttpFixture>, IDisposable
{
    private readonly OAuthBrowser _browser = new();

    private Installation Installation => fixture.Installation;

    [Fact]
    public async Task StartConsentCallback_StoresTokens_ConnectorActive_ToolsWork()
    {
        var connectorId = await Installation.AddUnconnectedGmailAsync("acme", "http_mail");

        var consentUrl = await StartAsync(connectorId, fixture.AdminToken);
        var callback = await _browser.ConsentAsync(consentUrl);
        var (status, page) = await _browser.ReturnAsync(callback);

        Assert.StartsWith(Installation.Google.AuthUrl.AbsoluteUri + "?", consentUrl.AbsoluteUri);
        Assert.Equal(new Uri(fixture.Server.BaseUrl, "oauth/callback").AbsoluteUri, OAuthBrowser.Param(consentUrl, "redirect_uri"));
        Assert.Equal("S256", OAuthBrowser.Param(consentUrl, "code_challenge_method"));
        Assert.Equal("offline", OAuthBrowser.Param(consentUrl, "access_type"));
        Assert.StartsWith(new Uri(fixture.Server.BaseUrl, "oauth/callback").AbsoluteUri + "?code=", callback.AbsoluteUri);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"Connected http_mail ({connectorId})", page);

        var tokens = await Installation.StoredTokensAsync(connectorId);
        Assert.NotNull(tokens?.RefreshToken);
        Assert.False(Installation.DatabaseFilesContain(tokens!.AccessToken));
        Assert.False(Installation.DatabaseFilesContain(tokens.RefreshToken!));
        Assert.Equal("active", await Installation.StatusAsync("acme", connectorId));
        Assert.DoesNotContain(tokens.AccessToken, fixture.Server.Log.Text);
        Assert.DoesNotContain(OAuthBrowser.Param(callback, "code")!, fixture.Server.Log.Text);

        await using var client = await fixture.Server.ConnectAsync(fixture.AcmeKey);
        (await client.CallAsync("http_mail_search_inbox", """{"max_results":1}""")).AssertSuccess();
    }

    [Fact]
    public async Task Callback_Replayed_Is400_AndNothingMoreReachesGoogle()
    {
        var connectorId = await Installation.AddUnconnectedGmailAsync("acme", "replayed_mail");
        var callback = await _browser.ConsentAsync(await StartAsync(connectorId, fixture.AdminToken));
        Assert.Equal(HttpStatusCode.OK, (await _browser.ReturnAsync(callback)).Status);
        var tokenRequests = Installation.Google.TokenRequestCount;
        var stored = await Installation.StoredTokensAsync(connectorId);

        var (status, page) = await _browser.ReturnAsync(callback);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("used already", page);
        Assert.Equal(tokenRequests, Installation.Google.TokenRequestCount);
        Assert.Equal(stored, await Installation.StoredTokensAsync(connectorId));
    }

    [Theory]
    [InlineData("?code=4/some-code&state=a-state-this-server-never-issued", "unknown")]
    [InlineData("?code=4/some-code", "no state")]
    public async Task Callback_UnknownOrMissingState_Is400_NothingStored(string query, string expected)
    {
        var tokenRequests = Installation.Google.TokenRequestCount;

        var (status, page) = await _browser.ReturnAsync(new Uri(fixture.Server.BaseUrl, "oauth/callback" + query));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(expected, page);
        Assert.Contains("Nothing was stored", page);
        Assert.Equal(tokenRequests, Installation.Google.TokenRequestCount);
    }

    [Fact]
    public async Task Callback_StateExpired_Is400_NothingStored_NoCodeExchange()
    {
        var connectorId = await Installation.AddUnconnectedGmailAsync("acme", "late_mail");
        var callback = await _browser.ConsentAsync(await StartAsync(connectorId, fixture.AdminToken));
        // Eleven minutes pass (the server's clock is real, so the row is aged instead).
        using (var connection = new SqliteConnection($"Data Source={Installation.DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var age = connection.CreateCommand();
            age.CommandText = "PRAGMA busy_timeout = 10000; UPDATE oauth_states SET expires_at = '2000-01-01T00:00:00.000Z' WHERE connector_id = $id;";
            age.Parameters.AddWithValue("$id", connectorId);
            Assert.Equal(1, age.ExecuteNonQuery());
        }

        var tokenRequests = Installation.Google.TokenRequestCount;
        var (status, page) = await _browser.ReturnAsync(callback);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("expired", page);
        Assert.Equal(tokenRequests, Installation.Google.TokenRequestCount);
        Assert.Null(await Installation.StoredTokensAsync(connectorId));
        Assert.Equal("needs_reauth", await Installation.StatusAsync("acme", connectorId));
    }

    [Fact]
    public async Task Callback_AccessDenied_Is400_NothingStored()
    {
        var connectorId = await Installation.AddUnconnectedGmailAsync("acme", "declined_mail");
        var consentUrl = await StartAsync(connectorId, fixture.AdminToken);
        Uri callback;
        Installation.Google.DenyConsent = true;
        try
        {
            callback = await _browser.ConsentAsync(consentUrl);
        }
        finally
        {
            Installation.Google.DenyConsent = false;
        }

        var tokenRequests = Installation.Google.TokenRequestCount;
        var (status, page) = await _browser.ReturnAsync(callback);

        Assert.Equal("access_denied", OAuthBrowser.Param(callback, "error"));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("not granted", page);
        Assert.Contains("Reconnect in the admin console", page);
        Assert.Equal(tokenRequests, Installation.Google.TokenRequestCount);
        Assert.Null(await Installation.StoredTokensAsync(connectorId));
        Assert.Equal("needs_reauth", await Installation.StatusAsync("acme", connectorId));
    }

    [Fact]
    public async Task Callback_ArrivingAtAnotherRedirectUriThanStarted_Is400_NothingStored()
    {
        var connectorId = await Installation.AddUnconnectedGmailAsync("acme", "moved_mail");
        // Started through "localhost", so the flow's redirect URI is http://localhost:PORT/oauth/callback …
        var consentUrl = await StartAsync(connectorId, fixture.AdminToken, r => r.Headers.Host = $"localhost:{fixture.Server.BaseUrl.Port}");
        Assert.StartsWith($"http://localhost:{fixture.Server.BaseUrl.Port}/oauth/callback", OAuthBrowser.Param(consentUrl, "redirect_uri"));
        var callback = await _browser.ConsentAsync(consentUrl);

        // … but the redirect arrives at http://127.0.0.1:PORT/oauth/callback.
        var (status, page) = await _browser.ReturnAsync(callback, r => r.Headers.Host = $"127.0.0.1:{fixture.Server.BaseUrl.Port}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("started for", page);
        Assert.Null(await Installation.StoredTokensAsync(connectorId));
    }

    [Fact]
    public async Task Callback_ForeignHost_Is403_TheHostCheckStillApplies()
    {
        var (status, _) = await _browser.ReturnAsync(new Uri(fixture.Server.BaseUrl, "oauth/callback?code=x&state=y"), r => r.Headers.Host = "evil.example.com");

        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    [Fact]
    public async Task Start_WithoutKey_Is401()
    {
        var connectorId = await Installation.AddUnconnectedGmailAsync("acme", "nokey_mail");

        using var response = await SendStartAsync(connectorId, credential: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    [Fact]
    public async Task Start_WithTheWorkspacesOwnKey_Is401_AndIssuesNoState()
    {
        // An agent holding its workspace's key must not re-bind its own connector to another account.
        var connectorId = await Installation.AddUnconnectedGmailAsync("acme", "agent_mail");

        using var response = await SendStartAsync(connectorId, fixture.AcmeKey);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal("unauthorized", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!["code"]);
        await using var connection = new SqliteConnection($"Data Source={Installation.DatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM oauth_states WHERE connector_id = $id;";
        count.Parameters.AddWithValue("$id", connectorId);
        Assert.Equal(0L, (long)(await count.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Start_UnknownConnector_Is404()
    {
        using var unknown = await SendStartAsync("con_" + new string('0', 24), fixture.AdminToken);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("not_found", (string)JsonNode.Parse(await unknown.Content.ReadAsStringAsync())!["error"]!);
        Assert.Null(unknown.Headers.Location);
    }

    public void Dispose() => _browser.Dispose();

    private async Task<Uri> StartAsync(string connectorId, string credential, Action<HttpRequestMessage>? adjust = null)
    {
        using var response = await SendStartAsync(connectorId, credential, adjust);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.True(response.Headers.CacheControl?.NoStore);
        return response.Headers.Location!;
    }

    private async Task<HttpResponseMessage> SendStartAsync(string connectorId, string? credential, Action<HttpRequestMessage>? adjust = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(fixture.Server.BaseUrl, $"oauth/start/{connectorId}"));
        if (credential is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential);
        }

        adjust?.Invoke(request);
        return await _browser.Http.SendAsync(request);
    }
}
