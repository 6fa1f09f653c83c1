using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Client;

namespace Connectors.Mcp.Tests.EndToEnd;

/// <summary>
/// <c>serve --http</c> with two workspaces: every request needs a workspace API key (401 with WWW-Authenticate
/// otherwise), Host and Origin are checked (403), and a key's session sees, calls and reads only its own workspace.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class HttpIsolationTests(TwoWorkspaceHttpFixture fixture) : IClassFixture<TwoWorkspaceHttpFixture>, IDisposable
{
    private readonly RawMcpHttp _raw = new(fixture.Server.McpUrl);

    [Fact]
    public async Task NoApiKey_Is401WithWwwAuthenticate()
    {
        using var response = await _raw.PostAsync(RawMcpHttp.InitializeBody());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        Assert.False(response.Headers.Contains("Mcp-Session-Id"));
    }

    [Fact]
    public async Task WrongApiKey_Is401WithWwwAuthenticate()
    {
        using var response = await _raw.PostAsync(RawMcpHttp.InitializeBody(), apiKey: fixture.AcmeKey + "x");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    [Fact]
    public async Task SdkClientWithoutKey_CannotConnect()
    {
        await Assert.ThrowsAnyAsync<Exception>(() => fixture.Server.ConnectAsync(apiKey: null));
    }

    [Fact]
    public async Task EachKey_SeesOnlyItsWorkspacesTools()
    {
        await using var acme = await fixture.Server.ConnectAsync(fixture.AcmeKey);
        await using var globex = await fixture.Server.ConnectAsync(fixture.GlobexKey);

        // A 2026-07-28 client is served per request, without a session: each request is authenticated and bound by its own key.
        Assert.Null(acme.SessionId);
        var acmeTools = (await acme.ListToolsRawAsync()).Select(t => t.Name).ToList();
        var globexTools = (await globex.ListToolsRawAsync()).Select(t => t.Name).ToList();

        Assert.Equal(8, acmeTools.Count);
        Assert.Contains("gmail_search_inbox", acmeTools);
        Assert.DoesNotContain(acmeTools, t => t.StartsWith("globex_mail_", StringComparison.Ordinal));
        Assert.Equal(8, globexTools.Count);
        Assert.Contains("globex_mail_send_email", globexTools);
        Assert.DoesNotContain(globexTools, t => t.StartsWith("gmail_", StringComparison.Ordinal));

        var connectors = (await acme.CallAsync("list_connectors")).AssertSuccess().Structured();
        Assert.Equal("acme", (string)connectors["workspace"]!);
        Assert.Equal(fixture.AcmeGmail.ConnectorId, (string)Assert.Single(connectors["connectors"]!.AsArray())!["id"]!);
    }

    [Fact]
    public async Task AcmeCannotCallGlobexsTool()
    {
        await using var acme = await fixture.Server.ConnectAsync(fixture.AcmeKey);
        var requests = fixture.Installation.Google.TotalRequestCount;

        var error = await Assert.ThrowsAsync<McpProtocolException>(() => acme.CallAsync("globex_mail_search_inbox", "{}"));

        Assert.Equal(McpErrorCode.InvalidParams, error.ErrorCode);
        Assert.Equal(requests, fixture.Installation.Google.TotalRequestCount);
    }

    [Fact]
    public async Task AcmeCannotReadGlobexsApproval_AndLearnsNothingAboutIt()
    {
        await using var acme = await fixture.Server.ConnectAsync(fixture.AcmeKey);
        await using var globex = await fixture.Server.ConnectAsync(fixture.GlobexKey);
        var secretSubject = $"Globex merger {Guid.NewGuid():N}";
        var queued = (await globex.CallAsync("globex_mail_send_email", new JsonObject
        {
            ["to"] = new JsonArray("banker@globex.example"),
            ["subject"] = secretSubject,
            ["body"] = "Confidential terms.",
        })).AssertSuccess().Structured();
        var approvalId = (string)queued["approval_id"]!;

        var asAcme = (await acme.CallAsync("get_approval", new JsonObject { ["approval_id"] = approvalId })).AssertError();
        var unknown = (await acme.CallAsync("get_approval", new JsonObject { ["approval_id"] = "apr_" + new string('0', 24) })).AssertError();

        Assert.DoesNotContain(secretSubject, asAcme);
        Assert.DoesNotContain("banker@globex.example", asAcme);
        Assert.DoesNotContain("globex", asAcme, StringComparison.OrdinalIgnoreCase);
        // Reported exactly like an id that does not exist.
        Assert.Equal(unknown.Replace("apr_" + new string('0', 24), "ID", StringComparison.Ordinal), asAcme.Replace(approvalId, "ID", StringComparison.Ordinal));

        var asGlobex = (await globex.CallAsync("get_approval", new JsonObject { ["approval_id"] = approvalId })).AssertSuccess().Structured();
        Assert.Equal("pending", (string)asGlobex["status"]!);
        Assert.DoesNotContain(fixture.Installation.Google.SentMessages, m => m.Message.Subject == secretSubject);
    }

    [Fact]
    public async Task AcmesSessionId_WithGlobexsKey_IsRefused()
    {
        var sessionId = await _raw.OpenSessionAsync(fixture.AcmeKey);

        // Control: the owner can use the session, so the refusal below is about the key, not a malformed request.
        using (var owner = await _raw.PostAsync(RawMcpHttp.ToolsListBody(2), fixture.AcmeKey, sessionId))
        {
            Assert.True(owner.IsSuccessStatusCode, $"{(int)owner.StatusCode}");
            Assert.Contains("gmail_search_inbox", await owner.Content.ReadAsStringAsync());
        }

        using var hijack = await _raw.PostAsync(RawMcpHttp.ToolsListBody(3), fixture.GlobexKey, sessionId);
        var body = await hijack.Content.ReadAsStringAsync();

        Assert.False(hijack.IsSuccessStatusCode, $"{(int)hijack.StatusCode}: {body}");
        Assert.DoesNotContain("gmail_search_inbox", body);
        Assert.DoesNotContain("globex_mail", body);
    }

    [Fact]
    public async Task AcmesLegacySseSession_WithGlobexsKey_IsRefused()
    {
        using var stream = new HttpRequestMessage(HttpMethod.Get, fixture.Server.SseUrl);
        stream.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        stream.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.AcmeKey);
        using var response = await _raw.Http.SendAsync(stream, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var endpoint = await ReadEndpointAsync(reader).WaitAsync(Bounded.Call);
        var messageUrl = new Uri(fixture.Server.BaseUrl, endpoint);

        using var hijack = await PostMessageAsync(messageUrl, fixture.GlobexKey);
        using var owner = await PostMessageAsync(messageUrl, fixture.AcmeKey);

        Assert.False(hijack.IsSuccessStatusCode, $"{(int)hijack.StatusCode}");
        Assert.True(owner.IsSuccessStatusCode, $"{(int)owner.StatusCode}");
    }

    [Fact]
    public async Task ForeignOrigin_Is403()
    {
        using var foreign = await _raw.PostAsync(RawMcpHttp.InitializeBody(), fixture.AcmeKey, adjust: r => r.Headers.Add("Origin", "http://evil.example.com"));
        using var local = await _raw.PostAsync(RawMcpHttp.InitializeBody(), fixture.AcmeKey, adjust: r => r.Headers.Add("Origin", $"http://localhost:{fixture.Server.BaseUrl.Port}"));

        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.False(foreign.Headers.Contains("Mcp-Session-Id"));
        Assert.True(local.IsSuccessStatusCode, $"{(int)local.StatusCode}");
    }

    [Fact]
    public async Task ForeignHost_Is403()
    {
        using var foreign = await _raw.PostAsync(RawMcpHttp.InitializeBody(), fixture.AcmeKey, adjust: r => r.Headers.Host = "evil.example.com");
        using var rebound = await _raw.PostAsync(RawMcpHttp.InitializeBody(), fixture.AcmeKey, adjust: r => r.Headers.Host = $"evil.example.com:{fixture.Server.BaseUrl.Port}");

        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, rebound.StatusCode);
    }

    [Fact]
    public async Task LegacySse_ListsAndCallsTheKeysWorkspaceTools()
    {
        await using var client = await fixture.Server.ConnectAsync(fixture.AcmeKey, HttpTransportMode.Sse);

        var tools = (await client.ListToolsRawAsync()).Select(t => t.Name).ToList();
        var search = (await client.CallAsync("gmail_search_inbox", """{"max_results":2}""")).AssertSuccess();

        Assert.Equal(8, tools.Count);
        Assert.Contains("gmail_send_email", tools);
        Assert.DoesNotContain(tools, t => t.StartsWith("globex_mail_", StringComparison.Ordinal));
        Assert.Equal(2, search.Structured()["messages"]!.AsArray().Count);
    }

    [Fact]
    public async Task LegacySse_WithoutKey_Is401()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, fixture.Server.SseUrl);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await _raw.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    [Fact]
    public async Task ApiKeys_NeverAppearInTheServersLog()
    {
        await using var acme = await fixture.Server.ConnectAsync(fixture.AcmeKey);
        (await acme.CallAsync("list_connectors")).AssertSuccess();
        using (await _raw.PostAsync(RawMcpHttp.InitializeBody(), apiKey: "wrong-" + fixture.GlobexKey))
        {
        }

        Assert.DoesNotContain(fixture.AcmeKey, fixture.Server.Log.Text);
        Assert.DoesNotContain(fixture.GlobexKey, fixture.Server.Log.Text);
    }

    public void Dispose() => _raw.Dispose();

    private static async Task<string> ReadEndpointAsync(StreamReader reader)
    {
        string? eventName = null;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                eventName = line["event:".Length..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal) && eventName == "endpoint")
            {
                return line["data:".Length..].Trim();
            }
        }

        throw new InvalidOperationException("The SSE stream ended before its endpoint event.");
    }

    private async Task<HttpResponseMessage> PostMessageAsync(Uri messageUrl, string apiKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, messageUrl) { Content = new StringContent(RawMcpHttp.InitializeBody(7), Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return await _raw.Http.SendAsync(request);
    }
}
