using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Connectors.Mcp.Sandbox.Zoom;

namespace Connectors.Mcp.Tests.Fakes.Zoom;

/// <summary>
/// Plain HTTP against a <see cref="FakeZoomServer"/>, as any Zoom client would send it (Basic client auth, form token
/// requests, bearer API calls) — no connector code involved.
/// </summary>
internal sealed class ZoomWire(FakeZoomServer server) : IDisposable
{
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false });

    public void Dispose() => _http.Dispose();

    public sealed record Answer(HttpStatusCode Status, HttpResponseMessage Response, string Text)
    {
        public JsonObject Json => JsonNode.Parse(Text)!.AsObject();

        public string? Header(string name) => Response.Headers.TryGetValues(name, out var values) ? values.Single() : null;
    }

    public Task<Answer> TokenAsync(Dictionary<string, string> form, string? clientId = null, string? clientSecret = null) =>
        TokenAsyncAt(server.TokenUrl, form, clientId, clientSecret);

    /// <summary>A form POST with Basic client auth to an OAuth endpoint (token or revoke).</summary>
    public Task<Answer> TokenAsyncAt(Uri endpoint, Dictionary<string, string> form, string? clientId = null, string? clientSecret = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId ?? server.ClientId}:{clientSecret ?? server.ClientSecret}")));
        return SendAsync(request);
    }

    public Task<Answer> RefreshAsync(string refreshToken) =>
        TokenAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken });

    public Task<Answer> S2SAsync(string? accountId = null) =>
        TokenAsync(new() { ["grant_type"] = "account_credentials", ["account_id"] = accountId ?? server.S2SAccountId }, server.S2SClientId, server.S2SClientSecret);

    /// <summary>Consent through <c>/oauth/authorize</c> with a PKCE S256 challenge: the code from the redirect and its verifier.</summary>
    public async Task<(string Code, string Verifier, string RedirectUri)> AuthorizeAsync(string state = "st-1")
    {
        var verifier = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        const string redirect = "http://127.0.0.1:5555/oauth/callback";
        using var response = await _http.GetAsync(new Uri(server.AuthUrl,
            $"?response_type=code&client_id={server.ClientId}&redirect_uri={Uri.EscapeDataString(redirect)}&state={state}&code_challenge={challenge}&code_challenge_method=S256"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith(redirect + "?", location.ToString());
        var query = System.Web.HttpUtility.ParseQueryString(location.Query);
        Assert.Equal(state, query["state"]);
        return (query["code"]!, verifier, redirect);
    }

    public async Task<JsonObject> UserGrantAsync()
    {
        var (code, verifier, redirect) = await AuthorizeAsync();
        var answer = await TokenAsync(new() { ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = redirect, ["code_verifier"] = verifier });
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        return answer.Json;
    }

    public Task<Answer> ApiAsync(HttpMethod method, string relative, string? accessToken, string? json = null)
    {
        var request = new HttpRequestMessage(method, new Uri(server.ApiBaseUrl, relative));
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return SendAsync(request);
    }

    public async Task<long> CreateAsync(string accessToken, string topic = "Planning", string start = "2026-12-03T16:00:00", string zone = "Europe/Berlin")
    {
        var answer = await ApiAsync(HttpMethod.Post, "users/me/meetings", accessToken,
            new JsonObject { ["topic"] = topic, ["type"] = 2, ["start_time"] = start, ["timezone"] = zone, ["duration"] = 30 }.ToJsonString());
        Assert.Equal(HttpStatusCode.Created, answer.Status);
        return answer.Json["id"]!.GetValue<long>();
    }

    /// <summary>Asserts Zoom's error body: exactly an integer <c>code</c> and a string <c>message</c> (plus <c>errors</c> for validation).</summary>
    public static JsonObject AssertError(Answer answer, HttpStatusCode status, int code)
    {
        Assert.Equal(status, answer.Status);
        var json = answer.Json;
        Assert.Equal(code, json["code"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(json["message"]!.GetValue<string>()));
        Assert.All(json.Select(p => p.Key), key => Assert.Contains(key, new[] { "code", "message", "errors" }));
        return json;
    }

    public static void AssertOAuthError(Answer answer, HttpStatusCode status, string error)
    {
        Assert.Equal(status, answer.Status);
        Assert.Equal(error, answer.Json["error"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(answer.Json["reason"]!.GetValue<string>()));
    }

    private async Task<Answer> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            var response = await _http.SendAsync(request);
            return new Answer(response.StatusCode, response, await response.Content.ReadAsStringAsync());
        }
    }
}
