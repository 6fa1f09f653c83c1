using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Connectors.Mcp.Tests.EndToEnd;

namespace Connectors.Mcp.Tests.Admin;

/// <summary>
/// Raw HTTP against a running server's admin surface, as a script (bearer) or a browser (cookie session, Origin,
/// X-CSRF-Token) would send it. Every request is bounded.
/// </summary>
public sealed class AdminHttp : IDisposable
{
    private readonly HttpClient _client;
    private readonly CookieContainer _cookies = new();

    public AdminHttp(Uri baseUrl)
    {
        BaseUrl = baseUrl;
        _client = new HttpClient(new HttpClientHandler { CookieContainer = _cookies, UseCookies = true, AllowAutoRedirect = false })
        {
            BaseAddress = baseUrl,
            Timeout = Bounded.Call,
        };
    }

    public Uri BaseUrl { get; }

    /// <summary>This server's own origin, as a browser on its page sends it.</summary>
    public string Origin => BaseUrl.GetLeftPart(UriPartial.Authority);

    /// <summary>The CSRF token of the signed-in session (after <see cref="SignInAsync"/>).</summary>
    public string? CsrfToken { get; private set; }

    public string? SessionCookie => _cookies.GetCookies(new Uri(BaseUrl, "admin/"))["cmcp_admin"]?.Value;

    /// <summary>POST /admin/login from the server's own page, then GET /admin/api/session for the CSRF token.</summary>
    public async Task SignInAsync(string token)
    {
        using var login = await SendAsync(HttpMethod.Post, "admin/login", new JsonObject { ["token"] = token }, origin: Origin);
        Assert.True(login.StatusCode == HttpStatusCode.NoContent, $"login: {(int)login.StatusCode} {await login.Content.ReadAsStringAsync()}");
        using var session = await SendAsync(HttpMethod.Get, "admin/api/session");
        var body = await JsonAsync(session, HttpStatusCode.OK);
        CsrfToken = (string)body["csrf_token"]!;
    }

    /// <summary>A request with optional bearer token, Origin, CSRF header, Host override and JSON body (cookies ride along).</summary>
    public Task<HttpResponseMessage> SendAsync(
        HttpMethod method, string path, JsonNode? body = null, string? bearer = null, string? origin = null, string? csrf = null, string? host = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (origin is not null)
        {
            request.Headers.TryAddWithoutValidation("Origin", origin);
        }

        if (csrf is not null)
        {
            request.Headers.TryAddWithoutValidation("X-CSRF-Token", csrf);
        }

        if (host is not null)
        {
            request.Headers.Host = host;
        }

        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        return _client.SendAsync(request).WaitAsync(Bounded.Call);
    }

    /// <summary>A browser's state-changing request: own Origin and the session's CSRF token.</summary>
    public Task<HttpResponseMessage> BrowserAsync(HttpMethod method, string path, JsonNode? body = null) =>
        SendAsync(method, path, body, origin: Origin, csrf: CsrfToken);

    /// <summary>A script's request with the admin token as bearer.</summary>
    public Task<HttpResponseMessage> BearerAsync(HttpMethod method, string path, string token, JsonNode? body = null) =>
        SendAsync(method, path, body, bearer: token);

    /// <summary>GET with bearer, asserting 200, as JSON.</summary>
    public async Task<JsonObject> GetAsync(string path, string token)
    {
        using var response = await BearerAsync(HttpMethod.Get, path, token);
        return await JsonAsync(response, HttpStatusCode.OK);
    }

    /// <summary>Asserts the status and reads the body as a JSON object.</summary>
    public static async Task<JsonObject> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Asserts an admin error: its status and contract code.</summary>
    public static async Task<string> ErrorAsync(HttpResponseMessage response, HttpStatusCode expected, string code)
    {
        var body = await JsonAsync(response, expected);
        Assert.Equal(code, (string?)body["error"]?["code"]);
        return (string)body["error"]!["message"]!;
    }

    public void Dispose() => _client.Dispose();
}
