using System.Net;
using System.Text.Json.Nodes;
using Connectors.Mcp.Tests.EndToEnd;
using Microsoft.Data.Sqlite;

namespace Connectors.Mcp.Tests.Admin;

/// <summary>
/// Who may use /admin/api, against a real <c>serve --http</c>: admin tokens (bearer) and their browser sessions (cookie +
/// own Origin + CSRF token on writes); never a workspace API key, and an admin token never opens /mcp.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class AdminAuthenticationTests(AdminServerFixture fixture) : IClassFixture<AdminServerFixture>
{
    [Fact]
    public async Task NoCredential_Is401WithTheJsonErrorShape()
    {
        using var http = fixture.Http();

        using var response = await http.SendAsync(HttpMethod.Get, "admin/api/approvals");

        var message = await AdminHttp.ErrorAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Contains("admin token create", message);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task WorkspaceApiKey_DoesNotOpenTheAdminApi()
    {
        using var http = fixture.Http();

        using var response = await http.BearerAsync(HttpMethod.Get, "admin/api/approvals", fixture.ApiKey);

        var message = await AdminHttp.ErrorAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Contains("workspace API key does not open", message);
    }

    [Fact]
    public async Task AdminToken_DoesNotOpenMcp()
    {
        using var http = fixture.Http();
        var initialize = JsonNode.Parse("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"x","version":"1"}}}""");

        using var response = await http.BearerAsync(HttpMethod.Post, "mcp", fixture.AdminToken, initialize);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("admin token opens only /admin", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task BearerAdminToken_ReadsAndWrites_WithoutCsrfOrOrigin()
    {
        using var http = fixture.Http();

        var approvals = await http.GetAsync("admin/api/approvals", fixture.AdminToken);
        using var deny = await http.BearerAsync(HttpMethod.Post, "admin/api/approvals/apr_doesnotexist/deny", fixture.AdminToken, new JsonObject());

        Assert.NotNull(approvals["approvals"]);
        await AdminHttp.ErrorAsync(deny, HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task ForeignOrigin_Is403_OnEveryAdminPath()
    {
        using var http = fixture.Http();

        using var api = await http.SendAsync(HttpMethod.Get, "admin/api/approvals", bearer: fixture.AdminToken, origin: "http://evil.example");
        using var login = await http.SendAsync(HttpMethod.Post, "admin/login", new JsonObject { ["token"] = fixture.AdminToken }, origin: "http://evil.example");

        await AdminHttp.ErrorAsync(api, HttpStatusCode.Forbidden, "forbidden");
        await AdminHttp.ErrorAsync(login, HttpStatusCode.Forbidden, "forbidden");
        Assert.Null(http.SessionCookie);
    }

    [Fact]
    public async Task HostNotAllowed_Is403()
    {
        using var http = fixture.Http();

        using var response = await http.SendAsync(HttpMethod.Get, "admin/api/approvals", bearer: fixture.AdminToken, host: "attacker.example");

        await AdminHttp.ErrorAsync(response, HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Login_BadToken_Is401_AndSetsNoCookie()
    {
        using var http = fixture.Http();

        using var response = await http.SendAsync(HttpMethod.Post, "admin/login", new JsonObject { ["token"] = "cma_" + new string('A', 43) }, origin: http.Origin);
        using var apiKey = await http.SendAsync(HttpMethod.Post, "admin/login", new JsonObject { ["token"] = fixture.ApiKey }, origin: http.Origin);

        await AdminHttp.ErrorAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
        await AdminHttp.ErrorAsync(apiKey, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Null(http.SessionCookie);
    }

    [Fact]
    public async Task Login_WithoutOrigin_Is403()
    {
        using var http = fixture.Http();

        using var response = await http.SendAsync(HttpMethod.Post, "admin/login", new JsonObject { ["token"] = fixture.AdminToken });

        await AdminHttp.ErrorAsync(response, HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Login_SetsAStrictHttpOnlyCookie_AndSessionGivesTheCsrfToken()
    {
        using var http = fixture.Http();

        using var login = await http.SendAsync(HttpMethod.Post, "admin/login", new JsonObject { ["token"] = fixture.AdminToken }, origin: http.Origin);
        using var session = await http.SendAsync(HttpMethod.Get, "admin/api/session");
        var body = await AdminHttp.JsonAsync(session, HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.NoContent, login.StatusCode);
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("cmcp_admin=", cookie);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/admin", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase); // plain http here
        Assert.DoesNotContain(fixture.AdminToken, cookie);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", (string)body["csrf_token"]!);
        Assert.Equal(AdminServerFixture.TokenName, (string)body["token_name"]!);
        var expires = DateTimeOffset.Parse((string)body["expires_at"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromHours(11.9), TimeSpan.FromHours(12.1));
    }

    [Fact]
    public async Task Session_WithBearerOnly_Is401()
    {
        using var http = fixture.Http();

        using var response = await http.BearerAsync(HttpMethod.Get, "admin/api/session", fixture.AdminToken);

        await AdminHttp.ErrorAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task CookiePost_WithoutCsrfToken_Is403Csrf()
    {
        using var http = fixture.Http();
        await http.SignInAsync(fixture.AdminToken);

        using var response = await http.SendAsync(HttpMethod.Post, "admin/api/approvals/apr_doesnotexist/deny", new JsonObject(), origin: http.Origin);

        await AdminHttp.ErrorAsync(response, HttpStatusCode.Forbidden, "csrf");
    }

    [Fact]
    public async Task CookiePost_WithWrongCsrfToken_Is403Csrf()
    {
        using var http = fixture.Http();
        await http.SignInAsync(fixture.AdminToken);
        using var other = fixture.Http();
        await other.SignInAsync(fixture.AdminToken);

        using var response = await http.SendAsync(HttpMethod.Put, "admin/api/workspaces/acme/policies/gmail_send_email", new JsonObject { ["policy"] = "deny" }, origin: http.Origin, csrf: other.CsrfToken);

        await AdminHttp.ErrorAsync(response, HttpStatusCode.Forbidden, "csrf");
        var policies = await http.GetAsync("admin/api/workspaces/acme/policies", fixture.AdminToken);
        Assert.Equal("approve", (string)policies["policies"]!.AsArray().Single(p => (string?)p!["tool"] == "gmail_send_email")!["policy"]!);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("http://localhost:1")]
    [InlineData("null")]
    public async Task CookiePost_WithMissingOrForeignOrigin_Is403Forbidden(string? origin)
    {
        using var http = fixture.Http();
        await http.SignInAsync(fixture.AdminToken);

        using var response = await http.SendAsync(HttpMethod.Post, "admin/api/approvals/apr_doesnotexist/deny", new JsonObject(), origin: origin, csrf: http.CsrfToken);

        await AdminHttp.ErrorAsync(response, HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task CookiePost_WithOwnOriginAndCsrfToken_GetsThrough()
    {
        using var http = fixture.Http();
        await http.SignInAsync(fixture.AdminToken);

        using var response = await http.BrowserAsync(HttpMethod.Post, "admin/api/approvals/apr_doesnotexist/deny", new JsonObject());
        using var get = await http.SendAsync(HttpMethod.Get, "admin/api/workspaces");

        await AdminHttp.ErrorAsync(response, HttpStatusCode.NotFound, "not_found");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
    }

    [Fact]
    public async Task Logout_EndsTheSession_AndNeedsCsrf()
    {
        using var http = fixture.Http();
        await http.SignInAsync(fixture.AdminToken);
        var cookie = http.SessionCookie;

        using var withoutCsrf = await http.SendAsync(HttpMethod.Post, "admin/logout", origin: http.Origin);
        using var logout = await http.BrowserAsync(HttpMethod.Post, "admin/logout");
        using var replay = await ReplayCookieAsync(cookie!);

        await AdminHttp.ErrorAsync(withoutCsrf, HttpStatusCode.Forbidden, "csrf");
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        await AdminHttp.ErrorAsync(replay, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task ExpiredSession_Is401()
    {
        using var http = fixture.Http();
        await http.SignInAsync(fixture.AdminToken);

        // The session's end as if 12 hours had passed (the server process has the real clock).
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = fixture.Installation.DatabasePath, Pooling = false }.ToString()))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA busy_timeout = 10000; UPDATE admin_sessions SET expires_at = '2000-01-01T00:00:00.000Z';";
            command.ExecuteNonQuery();
        }

        using var response = await http.SendAsync(HttpMethod.Get, "admin/api/session");

        var message = await AdminHttp.ErrorAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Contains("sign in again", message);
    }

    [Fact]
    public async Task RevokedToken_AndItsSessions_StopWorking()
    {
        var cli = fixture.Installation.Cli;
        var create = await cli.RunOkAsync("admin", "token", "create", "--name", "temp");
        var token = create.Stdout.Trim();
        var id = System.Text.RegularExpressions.Regex.Match(create.Stderr, "adm_[0-9a-z]+").Value;
        using var http = fixture.Http();
        await http.SignInAsync(token);
        using (var before = await http.BearerAsync(HttpMethod.Get, "admin/api/workspaces", token))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await cli.RunOkAsync("admin", "token", "revoke", id);

        using var bearer = await http.BearerAsync(HttpMethod.Get, "admin/api/workspaces", token);
        using var cookie = await http.SendAsync(HttpMethod.Get, "admin/api/workspaces");
        using var login = await http.SendAsync(HttpMethod.Post, "admin/login", new JsonObject { ["token"] = token }, origin: http.Origin);
        await AdminHttp.ErrorAsync(bearer, HttpStatusCode.Unauthorized, "unauthorized");
        await AdminHttp.ErrorAsync(cookie, HttpStatusCode.Unauthorized, "unauthorized");
        await AdminHttp.ErrorAsync(login, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task ConsolePage_IsNotBehindTheToken_ButWorkspaceKeysDoNotMatterThere()
    {
        using var http = fixture.Http();

        using var page = await http.SendAsync(HttpMethod.Get, "admin");

        Assert.NotEqual(HttpStatusCode.Unauthorized, page.StatusCode);
    }

    private async Task<HttpResponseMessage> ReplayCookieAsync(string cookie)
    {
        using var client = new HttpClient { BaseAddress = fixture.Server.BaseUrl, Timeout = Bounded.Call };
        var request = new HttpRequestMessage(HttpMethod.Get, "admin/api/session");
        request.Headers.TryAddWithoutValidation("Cookie", $"cmcp_admin={cookie}");
        return await client.SendAsync(request);
    }
}
