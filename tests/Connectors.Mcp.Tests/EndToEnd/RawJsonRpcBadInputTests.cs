using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Pipeline.Validation;
using Connectors.Mcp.Hosting;
using Xunit.Abstractions;

namespace Connectors.Mcp.Tests.EndToEnd;

/// <summary>
/// Hostile JSON-RPC over HTTP against the real server: every request gets a JSON-RPC error or an HTTP 4xx (413 above
/// the 4 MiB body limit), never a 5xx, and the server keeps serving. Tool-level problems (too deep, too long, wrong
/// types) come back as tool errors or -32602 and are audited.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class RawJsonRpcBadInputTests(TwoWorkspaceHttpFixture fixture, ITestOutputHelper output) : IClassFixture<TwoWorkspaceHttpFixture>, IDisposable
{
    private readonly RawMcpHttp _raw = new(fixture.Server.McpUrl);

    public static TheoryData<string, string, string> ProtocolCases() => new()
    {
        // name, body, what the answer must contain (a JSON-RPC error code, or "4xx")
        { "truncated", """{"jsonrpc":"2.0","id":11,"method":"tools/call","params":{"name":"gmail_search_inbox","argu""", "4xx|-32700" },
        { "not json", "hello", "4xx|-32700" },
        { "empty body", "", "4xx|-32700" },
        { "unknown method", """{"jsonrpc":"2.0","id":12,"method":"tools/explode","params":{}}""", "-32601" },
        { "unknown tool", """{"jsonrpc":"2.0","id":13,"method":"tools/call","params":{"name":"nope_tool","arguments":{}}}""", "-32602" },
        { "name not a string", """{"jsonrpc":"2.0","id":14,"method":"tools/call","params":{"name":123,"arguments":{}}}""", "4xx|-32602" },
        { "arguments not an object", """{"jsonrpc":"2.0","id":15,"method":"tools/call","params":{"name":"gmail_search_inbox","arguments":"x"}}""", "4xx|-32602" },
        { "params an array", """{"jsonrpc":"2.0","id":16,"method":"tools/call","params":[1,2]}""", "4xx|-32602" },
        { "method a number", """{"jsonrpc":"2.0","id":17,"method":5}""", "4xx|-32600|-32700" },
        { "id an object", """{"jsonrpc":"2.0","id":{"a":1},"method":"tools/list"}""", "4xx|-32600|-32700" },
        { "wrong jsonrpc version", """{"jsonrpc":"1.0","id":18,"method":"tools/list"}""", "4xx|-32600|-32700" },
        { "batch", """[{"jsonrpc":"2.0","id":19,"method":"tools/list"}]""", "4xx|-32600|-32700" },
        { "nesting past System.Text.Json's 64", """{"jsonrpc":"2.0","id":20,"method":"tools/call","params":{"name":"gmail_search_inbox","arguments":{"query":""" + new string('[', 200) + new string(']', 200) + "}}}", "4xx|-32700|-32600|-32602" },
        { "nesting past the argument limit", """{"jsonrpc":"2.0","id":21,"method":"tools/call","params":{"name":"gmail_search_inbox","arguments":{"query":""" + new string('[', ArgumentLimits.MaxDepth + 5) + new string(']', ArgumentLimits.MaxDepth + 5) + "}}}", "tool-error:nested deeper than" },
        { "wrong argument type", """{"jsonrpc":"2.0","id":22,"method":"tools/call","params":{"name":"gmail_search_inbox","arguments":{"query":42,"bogus":true}}}""", "tool-error:Invalid arguments" },
        { "unicode and NUL in arguments", """{"jsonrpc":"2.0","id":23,"method":"tools/call","params":{"name":"gmail_search_inbox","arguments":{"query":"\u0000 é漢字🙂 \u202e"}}}""", "tool-ok|tool-error:" },
        { "lone surrogate escape", """{"jsonrpc":"2.0","id":24,"method":"tools/call","params":{"name":"gmail_search_inbox","arguments":{"query":"\ud800 x"}}}""", "-32602" },
    };

    [Theory]
    [MemberData(nameof(ProtocolCases))]
    public async Task MalformedOrHostileRequest_GetsAClearErrorAndNo5xx(string name, string body, string expected)
    {
        var session = await _raw.OpenSessionAsync(fixture.AcmeKey);

        using var response = await _raw.PostAsync(body, fixture.AcmeKey, session);
        var text = await response.Content.ReadAsStringAsync();
        output.WriteLine($"{name}: {(int)response.StatusCode} {Shorten(text)}");

        Assert.True((int)response.StatusCode < 500, $"{name}: {(int)response.StatusCode} {Shorten(text)}");
        Assert.True(Matches(expected, response.StatusCode, text), $"{name}: expected {expected}, got {(int)response.StatusCode} {Shorten(text)}");
        await AssertServerStillServesAsync();
    }

    [Fact]
    public async Task InvalidUtf8_IsAClientError_AndTheServerStaysUp()
    {
        var session = await _raw.OpenSessionAsync(fixture.AcmeKey);
        var prefix = Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":31,"method":"tools/call","params":{"name":"gmail_search_inbox","arguments":{"query":" """.TrimEnd());
        var suffix = Encoding.UTF8.GetBytes("\"}}}");
        byte[] body = [.. prefix, 0xC3, 0x28, 0xFF, 0xFE, 0xED, 0xA0, 0x80, .. suffix];

        using var response = await _raw.PostAsync("", fixture.AcmeKey, session, request => request.Content = Json(body));
        var text = await response.Content.ReadAsStringAsync();
        output.WriteLine($"invalid utf-8: {(int)response.StatusCode} {Shorten(text)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(Matches("-32700", response.StatusCode, text), Shorten(text));
        await AssertServerStillServesAsync();
    }

    [Fact]
    public async Task BodyOverTheLimit_Is413_AndAStringJustUnderItIsAToolError()
    {
        var session = await _raw.OpenSessionAsync(fixture.AcmeKey);
        var over = Call(40, new string('q', (int)ServeHost.MaxRequestBodyBytes + 10));
        var under = Call(41, new string('q', ArgumentLimits.MaxStringLength + 1));

        // Expect: 100-continue, as large uploads do: the server answers 413 from the headers and the body is never sent
        // (without it the client may still be writing when the server closes the connection after its 413).
        using var tooLarge = await _raw.PostAsync(over, fixture.AcmeKey, session, request => request.Headers.ExpectContinue = true);
        using var tooLong = await _raw.PostAsync(under, fixture.AcmeKey, session);
        var tooLongText = await tooLong.Content.ReadAsStringAsync();
        output.WriteLine($"over 4 MiB: {(int)tooLarge.StatusCode}; {ArgumentLimits.MaxStringLength + 1} chars: {(int)tooLong.StatusCode} {Shorten(tooLongText)}");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.True(Matches("tool-error:longer than", tooLong.StatusCode, tooLongText), Shorten(tooLongText));
        await AssertServerStillServesAsync();
    }

    [Fact]
    public async Task EveryToolLevelRejection_IsAudited()
    {
        var (before, _) = await fixture.Installation.AuditAsync("acme");
        var upstreamBefore = fixture.Installation.Google.TotalRequestCount;
        var session = await _raw.OpenSessionAsync(fixture.AcmeKey);
        var bodies = new[]
        {
            Call(51, new string('q', ArgumentLimits.MaxStringLength + 1)),
            """{"jsonrpc":"2.0","id":52,"method":"tools/call","params":{"name":"gmail_search_inbox","arguments":{"query":""" + new string('[', 30) + new string(']', 30) + "}}}",
            """{"jsonrpc":"2.0","id":53,"method":"tools/call","params":{"name":"gmail_search_inbox","arguments":{"query":42}}}""",
            """{"jsonrpc":"2.0","id":54,"method":"tools/call","params":{"name":"nope_tool","arguments":{}}}""",
        };
        foreach (var body in bodies)
        {
            using var response = await _raw.PostAsync(body, fixture.AcmeKey, session);
            Assert.True((int)response.StatusCode < 500);
        }

        var (after, _) = await fixture.Installation.AuditAsync("acme");
        var added = after.Take(after.Length - before.Length).Reverse().ToList();
        Assert.Equal(
            [("gmail_search_inbox", "invalid_arguments"), ("gmail_search_inbox", "invalid_arguments"), ("gmail_search_inbox", "invalid_arguments"), ("nope_tool", "unknown_tool")],
            added.Select(r => ((string)r["tool"]!, (string)r["error_code"]!)));
        Assert.All(added, r => Assert.Equal("rejected", (string)r["status"]!));
        Assert.Equal(upstreamBefore, fixture.Installation.Google.TotalRequestCount);
    }

    public void Dispose() => _raw.Dispose();

    private static string Call(int id, string query) =>
        "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"gmail_search_inbox\",\"arguments\":{\"query\":" + JsonSerializer.Serialize(query) + "}}}";

    private static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    /// <summary>
    /// <paramref name="expected"/> is alternatives separated by '|': <c>4xx</c> (a client error status), a JSON-RPC error
    /// code such as <c>-32601</c>, <c>tool-error:TEXT</c> (a tool result with isError and TEXT in it) or <c>tool-ok</c>.
    /// </summary>
    private static bool Matches(string expected, HttpStatusCode status, string body)
    {
        var message = JsonRpcMessage(body);
        foreach (var alternative in expected.Split('|'))
        {
            if (alternative == "4xx" && (int)status is >= 400 and < 500)
            {
                return true;
            }

            if (alternative.StartsWith('-') && message?["error"]?["code"]?.ToString() == alternative)
            {
                return true;
            }

            if (alternative.StartsWith("tool-error:", StringComparison.Ordinal) && message?["result"]?["isError"]?.GetValue<bool>() == true
                && message["result"]!["content"]![0]!["text"]!.GetValue<string>().Contains(alternative["tool-error:".Length..], StringComparison.Ordinal))
            {
                return true;
            }

            if (alternative == "tool-ok" && message?["result"] is JsonObject result && result["isError"]?.GetValue<bool>() != true)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The JSON-RPC message in a JSON or text/event-stream response body.</summary>
    private static JsonObject? JsonRpcMessage(string body)
    {
        var json = body.TrimStart().StartsWith('{')
            ? body
            : string.Join("", body.Split('\n').Where(l => l.StartsWith("data:", StringComparison.Ordinal)).Select(l => l["data:".Length..]));
        try
        {
            return JsonNode.Parse(json) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task AssertServerStillServesAsync()
    {
        var session = await _raw.OpenSessionAsync(fixture.AcmeKey);
        using var list = await _raw.PostAsync(RawMcpHttp.ToolsListBody(99), fixture.AcmeKey, session);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains("gmail_search_inbox", await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static string Shorten(string text) => text.Length <= 400 ? text : text[..400] + "…";
}
