using System.Net.Http.Headers;
using System.Text;

namespace Connectors.Mcp.Tests.EndToEnd;

/// <summary>Hand-made MCP HTTP requests, for what an SDK client would never send (no key, a foreign Origin, another workspace's session).</summary>
public sealed class RawMcpHttp(Uri mcpUrl) : IDisposable
{
    public const string ProtocolVersion = "2025-11-25";

    private readonly HttpClient _http = new() { Timeout = Bounded.Call };

    public static string InitializeBody(int id = 1) =>
        "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"" + ProtocolVersion
        + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw-e2e\",\"version\":\"1.0.0\"}}}";

    public static string ToolsListBody(int id = 2) => "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/list\",\"params\":{}}";

    public const string InitializedBody = """{"jsonrpc":"2.0","method":"notifications/initialized"}""";

    /// <summary>A JSON-RPC POST to /mcp with the headers a Streamable HTTP client sends, plus the given ones.</summary>
    public async Task<HttpResponseMessage> PostAsync(string body, string? apiKey = null, string? sessionId = null, Action<HttpRequestMessage>? adjust = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, mcpUrl) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (apiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        if (sessionId is not null)
        {
            request.Headers.Add("Mcp-Session-Id", sessionId);
            request.Headers.Add("MCP-Protocol-Version", ProtocolVersion);
        }

        adjust?.Invoke(request);
        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
        return response;
    }

    /// <summary>initialize + notifications/initialized with <paramref name="apiKey"/>; returns the new session id.</summary>
    public async Task<string> OpenSessionAsync(string apiKey)
    {
        using var initialize = await PostAsync(InitializeBody(), apiKey);
        Assert.True(initialize.IsSuccessStatusCode, $"initialize: {(int)initialize.StatusCode} {await initialize.Content.ReadAsStringAsync()}");
        var sessionId = Assert.Single(initialize.Headers.GetValues("Mcp-Session-Id"));
        using var initialized = await PostAsync(InitializedBody, apiKey, sessionId);
        Assert.True(initialized.IsSuccessStatusCode, $"notifications/initialized: {(int)initialized.StatusCode}");
        return sessionId;
    }

    public HttpClient Http => _http;

    public void Dispose() => _http.Dispose();
}
