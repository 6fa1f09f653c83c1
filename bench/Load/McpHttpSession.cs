using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace Bench.Load;

/// <summary>
/// One MCP session over Streamable HTTP, spoken as raw JSON-RPC: initialize (the server's Mcp-Session-Id), then
/// notifications/initialized, then requests. The SDK answers a POST with an SSE stream (<c>event: message</c>,
/// <c>data: {…}</c>) or with JSON; either way the body is read whole, which ends once the answer is written.
/// </summary>
public sealed class McpHttpSession(HttpClient http, Uri endpoint, string? apiKey)
{
    private const string ProtocolVersion = "2025-11-25";
    private long _nextId = 1;
    private string? _sessionId;
    private bool _negotiated;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var (answer, response) = await PostAsync(
            "{\"jsonrpc\":\"2.0\",\"id\":" + _nextId++ + ",\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"" + ProtocolVersion + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"bench-load\",\"version\":\"1\"}}}",
            cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"initialize: {Shorten(answer, (int)response.StatusCode)}");
        }

        // A stateless server (serve --http --stateless) answers without a session: every request then stands alone.
        _sessionId = response.Headers.TryGetValues("Mcp-Session-Id", out var ids) ? ids.First() : null;
        _negotiated = true;
        await PostAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""", cancellationToken);
    }

    /// <summary>A tools/call; returns whether it answered a result that is not a tool error, and how long it took.</summary>
    public Task<CallOutcome> CallToolAsync(string tool, string argumentsJson, CancellationToken cancellationToken) =>
        RequestAsync("{\"jsonrpc\":\"2.0\",\"id\":" + _nextId++ + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool + "\",\"arguments\":" + argumentsJson + "}}", cancellationToken);

    public Task<CallOutcome> ListToolsAsync(CancellationToken cancellationToken) =>
        RequestAsync("{\"jsonrpc\":\"2.0\",\"id\":" + _nextId++ + ",\"method\":\"tools/list\",\"params\":{}}", cancellationToken);

    /// <summary>How many tools tools/list answers (one <c>inputSchema</c> per tool).</summary>
    public async Task<int> CountToolsAsync(CancellationToken cancellationToken)
    {
        var (answer, _) = await PostAsync("{\"jsonrpc\":\"2.0\",\"id\":" + _nextId++ + ",\"method\":\"tools/list\",\"params\":{}}", cancellationToken);
        var count = 0;
        for (var at = answer.IndexOf("\"inputSchema\"", StringComparison.Ordinal); at >= 0; at = answer.IndexOf("\"inputSchema\"", at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private async Task<CallOutcome> RequestAsync(string body, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var (answer, response) = await PostAsync(body, cancellationToken);
            var ok = response.IsSuccessStatusCode
                && answer.Contains("\"result\"", StringComparison.Ordinal)
                && !answer.Contains("\"isError\":true", StringComparison.Ordinal);
            return new CallOutcome(ok, Stopwatch.GetElapsedTime(started), ok ? null : Shorten(answer, (int)response.StatusCode));
        }
        catch (HttpRequestException e)
        {
            return new CallOutcome(false, Stopwatch.GetElapsedTime(started), e.Message);
        }
    }

    private async Task<(string Answer, HttpResponseMessage Response)> PostAsync(string body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (apiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        if (_sessionId is not null)
        {
            request.Headers.Add("Mcp-Session-Id", _sessionId);
        }

        if (_negotiated)
        {
            request.Headers.Add("MCP-Protocol-Version", ProtocolVersion);
        }

        var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        var answer = await response.Content.ReadAsStringAsync(cancellationToken);
        return (answer, response);
    }

    private static string Shorten(string answer, int status) => $"{status}: {(answer.Length > 300 ? answer[..300] : answer)}";
}
