using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Connectors.Mcp.Hosting;
using Connectors.Mcp.Hosting.Auth;
using Connectors.Mcp.Tests.EndToEnd;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Tests.Hosting;

/// <summary>
/// Who may reach what, proved by enumerating what the server maps (its endpoint data sources, so a new endpoint cannot be
/// forgotten) rather than by a list of remembered paths: every endpoint declares an access rule; every admin-only endpoint
/// (the admin API, sign-out, <c>/oauth/start</c>) refuses a request without a credential and one with a workspace API
/// key; every MCP endpoint refuses a request without a key and one with an admin token — each for the path as written,
/// upper-cased, in mixed case, with a trailing slash, with doubled slashes and with percent-encoded letters.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class EndpointAccessTests(HttpSurfaceFixture fixture) : IClassFixture<HttpSurfaceFixture>, IDisposable
{
    /// <summary>
    /// The only endpoints open without a credential, each for a reason. Opening another is a security decision: this
    /// test fails until it is listed here.
    /// </summary>
    private static readonly Dictionary<string, string> Anonymous = new(StringComparer.Ordinal)
    {
        ["/admin"] = "the console page: no data, everything it shows comes from the admin API",
        ["/admin/assets/{file}"] = "the console's script and style files",
        ["/admin/assets/{**rest}"] = "404 for deeper asset paths, with the console's headers",
        ["/admin/login"] = "sign-in: it checks the admin token in its body (and the Origin)",
        ["/oauth/callback"] = "the provider's redirect cannot carry a credential; the single-use OAuth state authenticates it",
    };

    private static readonly string[] WriteMethods = ["POST", "PUT", "PATCH", "DELETE"];

    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = Bounded.Call };

    [Fact]
    public void EveryEndpoint_DeclaresAnAccessRule()
    {
        var problems = new List<string>();
        var anonymous = new List<string>();
        foreach (var endpoint in fixture.Endpoints)
        {
            var pattern = Pattern(endpoint);
            if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            {
                anonymous.Add(pattern);
                if (!Anonymous.ContainsKey(pattern))
                {
                    problems.Add($"{pattern} is open without a credential but not listed as such");
                }

                continue;
            }

            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
            var expected = IsMcp(endpoint) ? EdgeAuthorization.WorkspacePolicy : EdgeAuthorization.AdminPolicy;
            if (policies.Count != 1 || policies[0] != expected)
            {
                problems.Add($"{pattern} declares policies [{string.Join(", ", policies)}], expected exactly [{expected}]");
            }
        }

        Assert.Empty(problems);
        Assert.Equal(Anonymous.Keys.Order(), anonymous.Distinct().Order());
        // The enumeration found the surfaces it is meant to guard (a broken enumeration would prove nothing).
        Assert.True(AdminOnly().Count() >= 15, $"only {AdminOnly().Count()} admin-only endpoints found");
        Assert.Contains(AdminOnly(), e => Pattern(e).StartsWith("/oauth/start/", StringComparison.Ordinal));
        Assert.Contains(AdminOnly(), e => Pattern(e) == "/admin/logout");
        Assert.Contains(WorkspaceOnly(), e => Pattern(e) == "/mcp");
        Assert.Contains(WorkspaceOnly(), e => Pattern(e) == "/mcp/sse");
        Assert.Contains(WorkspaceOnly(), e => Pattern(e) == "/mcp/message");
    }

    [Fact]
    public async Task AdminOnlyEndpoints_RefuseEveryPathVariant_WithoutACredential_AndWithAWorkspaceKey()
    {
        Assert.True(AdminOnly().Count() >= 15, $"only {AdminOnly().Count()} admin-only endpoints found");
        var failures = new List<string>();
        foreach (var endpoint in AdminOnly())
        {
            foreach (var method in Methods(endpoint))
            {
                foreach (var (variant, path) in Variants(ConcretePath(endpoint)))
                {
                    await ExpectAsync(failures, HttpStatusCode.Unauthorized, "unauthorized", fixture.MultiWorkspaceUrl, method, path, variant, credential: null);
                    await ExpectAsync(failures, HttpStatusCode.Unauthorized, "unauthorized", fixture.MultiWorkspaceUrl, method, path, variant, fixture.ApiKey);
                    await ExpectAsync(failures, HttpStatusCode.Unauthorized, "unauthorized", fixture.SingleWorkspaceUrl, method, path, variant, credential: null);
                    await ExpectAsync(failures, HttpStatusCode.Unauthorized, "unauthorized", fixture.SingleWorkspaceUrl, method, path, variant, fixture.ApiKey);
                }
            }
        }

        AssertNone(failures);
    }

    [Fact]
    public async Task McpEndpoints_RefuseEveryPathVariant_WithoutAKey_AndWithAnAdminToken()
    {
        Assert.Equal(["/mcp", "/mcp/message", "/mcp/sse"], WorkspaceOnly().Select(Pattern).Distinct().Order());
        var failures = new List<string>();
        foreach (var endpoint in WorkspaceOnly())
        {
            foreach (var method in Methods(endpoint))
            {
                foreach (var (variant, path) in Variants(ConcretePath(endpoint)))
                {
                    await ExpectAsync(failures, HttpStatusCode.Unauthorized, null, fixture.MultiWorkspaceUrl, method, path, variant, credential: null);
                    await ExpectAsync(failures, HttpStatusCode.Unauthorized, null, fixture.MultiWorkspaceUrl, method, path, variant, fixture.AdminToken);
                    await ExpectAsync(failures, HttpStatusCode.Unauthorized, null, fixture.SingleWorkspaceUrl, method, path, variant, fixture.AdminToken);
                }
            }
        }

        AssertNone(failures);
    }

    [Theory]
    [InlineData("/ADMIN/API/WORKSPACES")]
    [InlineData("//admin//api/workspaces/")]
    [InlineData("/%61dmin/api/w%6Frkspaces")]
    public async Task PathVariants_ReachTheSameEndpoint_ForAnAdmin(string path)
    {
        using var response = await SendAsync(fixture.MultiWorkspaceUrl, "GET", path, fixture.AdminToken);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("acme", (string?)body["workspaces"]![0]!["slug"]);
    }

    [Fact]
    public async Task UnknownAdminApiPath_Is401_ThenNotFoundForAnAdmin()
    {
        using var anonymous = await SendAsync(fixture.SingleWorkspaceUrl, "PUT", "/Admin/Api/no/such/thing", credential: null);
        using var admin = await SendAsync(fixture.SingleWorkspaceUrl, "PUT", "/Admin/Api/no/such/thing", fixture.AdminToken);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, admin.StatusCode);
        Assert.Equal("not_found", (string?)JsonNode.Parse(await admin.Content.ReadAsStringAsync())!["error"]!["code"]);
    }

    [Fact]
    public async Task WorkspaceKey_CannotSwitchOffItsOwnApprovalGate_UnderAnySpelling()
    {
        // The reported attack: a workspace key PUTs policy "auto" on its own send tool through an upper-cased path.
        foreach (var url in (Uri[])[fixture.MultiWorkspaceUrl, fixture.SingleWorkspaceUrl])
        {
            using var put = await SendAsync(url, "PUT", "/ADMIN/API/workspaces/acme/policies/gmail_send_email", fixture.ApiKey, """{"policy":"auto"}""", "text/plain");
            Assert.Equal(HttpStatusCode.Unauthorized, put.StatusCode);
        }

        using var policies = await SendAsync(fixture.MultiWorkspaceUrl, "GET", "/admin/api/workspaces/acme/policies", fixture.AdminToken);
        var send = JsonNode.Parse(await policies.Content.ReadAsStringAsync())!["policies"]!.AsArray().Single(p => (string?)p!["tool"] == "gmail_send_email")!;
        Assert.Equal("approve", (string?)send["policy"]);
    }

    [Theory]
    [InlineData("/mcp", null)]
    [InlineData("/mcp", "text/plain")]
    [InlineData("/mcp/message?sessionId=x", null)]
    [InlineData("/MCP/Message?sessionId=x", "application/x-www-form-urlencoded")]
    public async Task PostWithoutAJsonContentType_Is415(string path, string? contentType)
    {
        using var response = await SendAsync(fixture.SingleWorkspaceUrl, "POST", path, credential: null,
            """{"jsonrpc":"2.0","id":1,"method":"ping"}""", contentType, withoutContentType: contentType is null);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        if (contentType is null)
        {
            // A declared non-JSON type is refused by routing itself (the SDK's endpoints declare what they accept); a
            // missing one reached the transport, which answered 500, and is now refused with a message.
            Assert.Contains("Content-Type: application/json", body);
        }
    }

    [Fact]
    public async Task WhileEveryLargeRequestSlotIsTaken_SmallCallsAreAnswered_AndALargeOneWaits()
    {
        var gate = fixture.MultiWorkspaceServices.GetRequiredService<LargeRequestGate>();
        var held = new List<IDisposable>();
        for (var i = 0; i < LargeRequestGate.MaxConcurrent; i++)
        {
            held.Add((await gate.EnterAsync(CancellationToken.None))!);
        }

        try
        {
            var ping = """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"x","version":"1"}}}""";
            const string Accept = "application/json, text/event-stream";
            using var small = await SendAsync(fixture.MultiWorkspaceUrl, "POST", "/mcp", fixture.ApiKey, ping, accept: Accept);
            var large = SendAsync(fixture.MultiWorkspaceUrl, "POST", "/mcp", fixture.ApiKey, ping.Replace("\"x\"", "\"" + new string('x', 300_000) + "\"", StringComparison.Ordinal), accept: Accept);

            Assert.Equal(HttpStatusCode.OK, small.StatusCode);
            await Task.Delay(500);
            Assert.False(large.IsCompleted, "a large body was handled while every slot was taken");
            held[0].Dispose();
            using var answered = await large.WaitAsync(Bounded.Call);
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        }
        finally
        {
            foreach (var slot in held)
            {
                slot.Dispose();
            }
        }
    }

    public void Dispose() => _http.Dispose();

    /// <summary>
    /// Every mapped endpoint that is not on the anonymous list and not an MCP endpoint: it must be admin-only. Chosen by
    /// what is mapped, not by the metadata under test, so an endpoint that forgot its rule is probed too.
    /// </summary>
    private IEnumerable<RouteEndpoint> AdminOnly() => fixture.Endpoints.Where(e => !Anonymous.ContainsKey(Pattern(e)) && !IsMcp(e));

    /// <summary>The MCP transport's endpoints (<c>/mcp</c> and everything under it): workspace key only.</summary>
    private IEnumerable<RouteEndpoint> WorkspaceOnly() => fixture.Endpoints.Where(IsMcp);

    private static void AssertNone(List<string> failures) =>
        Assert.True(failures.Count == 0, $"{failures.Count} request(s) got through or were answered wrongly:\n{string.Join("\n", failures.Take(60))}");

    private static bool IsMcp(RouteEndpoint endpoint) =>
        Pattern(endpoint) is var pattern && (pattern == "/mcp" || pattern.StartsWith("/mcp/", StringComparison.OrdinalIgnoreCase));

    private static string Pattern(RouteEndpoint endpoint) => "/" + (endpoint.RoutePattern.RawText ?? "").Trim('/');

    private static IEnumerable<string> Methods(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods is { Count: > 0 } methods ? methods : ["GET", .. WriteMethods];

    /// <summary>The endpoint's route with every parameter filled in with a plausible value.</summary>
    private string ConcretePath(RouteEndpoint endpoint)
    {
        var path = new StringBuilder();
        foreach (var segment in endpoint.RoutePattern.PathSegments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
            {
                path.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternParameterPart { Name: "slug" } => "acme",
                    RoutePatternParameterPart { Name: "connectorId" or "id" } => fixture.ConnectorId,
                    RoutePatternParameterPart { Name: "tool" } => "gmail_send_email",
                    RoutePatternParameterPart parameter => parameter.Name + "1",
                    RoutePatternSeparatorPart separator => separator.Content,
                    _ => "x",
                });
            }
        }

        return path.Length == 0 ? "/" : path.ToString();
    }

    private static IEnumerable<(string Variant, string Path)> Variants(string path)
    {
        yield return ("as written", path);
        yield return ("upper-cased", path.ToUpperInvariant());
        yield return ("mixed case", new string(path.Select((c, i) => i % 2 == 0 ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c)).ToArray()));
        yield return ("trailing slash", path + "/");
        yield return ("doubled slashes", path.Replace("/", "//", StringComparison.Ordinal));
        yield return ("percent-encoded letters", string.Concat(path.Select(c => char.IsAsciiLetter(c) ? "%" + ((int)c).ToString("X2", CultureInfo.InvariantCulture) : c.ToString())));
    }

    private async Task ExpectAsync(List<string> failures, HttpStatusCode expected, string? code, Uri server, string method, string path, string variant, string? credential)
    {
        using var response = await SendAsync(server, method, path, credential, WriteMethods.Contains(method) ? "{}" : null, "application/json");
        var body = await ReadBoundedAsync(response);
        var gotCode = code is null ? null : TryCode(body);
        if (response.StatusCode != expected || gotCode != code)
        {
            var who = credential is null ? "no credential" : credential.StartsWith("cmk_", StringComparison.Ordinal) ? "workspace key" : "admin token";
            failures.Add($"{method} {path} ({variant}, {who}, {(server == fixture.SingleWorkspaceUrl ? "single-workspace" : "API-key")} server): {(int)response.StatusCode} {body[..Math.Min(body.Length, 120)]}");
        }
    }

    /// <summary>The body, or what arrived of it within 3 s: an endpoint that wrongly let the request through may stream.</summary>
    private static async Task<string> ReadBoundedAsync(HttpResponseMessage response)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        try
        {
            return await response.Content.ReadAsStringAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            return "(a stream that stayed open)";
        }
    }

    private static string? TryCode(string body)
    {
        try
        {
            return JsonNode.Parse(body) is JsonObject { } root && root["error"] is JsonObject error
                && error["code"] is JsonValue value && value.TryGetValue<string>(out var code) ? code : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private async Task<HttpResponseMessage> SendAsync(Uri server, string method, string path, string? credential, string? body = null, string? contentType = "application/json", bool withoutContentType = false, string? accept = null)
    {
        // The path goes on the wire exactly as written: no canonicalisation by System.Uri.
        var uri = new Uri(server.GetLeftPart(UriPartial.Authority) + path, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        using var request = new HttpRequestMessage(new HttpMethod(method), uri);
        if (credential is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential);
        }

        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (!withoutContentType && contentType is not null)
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            }
        }

        return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).WaitAsync(Bounded.Call);
    }
}
