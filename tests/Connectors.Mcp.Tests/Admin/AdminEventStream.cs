using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Connectors.Mcp.Tests.EndToEnd;

namespace Connectors.Mcp.Tests.Admin;

/// <summary>
/// A client of <c>GET /admin/api/events</c> reading the stream as a browser's EventSource would: every
/// <c>event:</c>/<c>data:</c> block and comment line, as it arrives, each stamped with when it arrived.
/// </summary>
public sealed class AdminEventStream : IAsyncDisposable
{
    private readonly HttpClient _client;
    private readonly HttpResponseMessage _response;
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<Received> _received = Channel.CreateUnbounded<Received>();
    private readonly Task _reader;

    private AdminEventStream(HttpClient client, HttpResponseMessage response, Stream body)
    {
        _client = client;
        _response = response;
        _reader = ReadAsync(body);
    }

    public HttpResponseMessage Response => _response;

    /// <summary>Opens the stream with the admin token and waits for its first line (the headers and a comment).</summary>
    public static async Task<AdminEventStream> OpenAsync(Uri baseUrl, string adminToken)
    {
        var client = new HttpClient { BaseAddress = baseUrl, Timeout = Timeout.InfiniteTimeSpan };
        var request = new HttpRequestMessage(HttpMethod.Get, "admin/api/events");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).WaitAsync(Bounded.Call);
        if (!response.IsSuccessStatusCode)
        {
            // Only a refusal has a finite body; a stream's is endless.
            Assert.Fail($"events: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        var stream = new AdminEventStream(client, response, await response.Content.ReadAsStreamAsync());
        await stream.NextAsync(r => r.Comment == "connected", Bounded.Call);
        return stream;
    }

    /// <summary>The next received item matching <paramref name="match"/> within <paramref name="within"/>; fails otherwise.</summary>
    public async Task<Received> NextAsync(Func<Received, bool> match, TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        try
        {
            while (true)
            {
                var item = await _received.Reader.ReadAsync(timeout.Token);
                if (match(item))
                {
                    return item;
                }
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"no matching server-sent event within {within}");
        }
    }

    /// <summary>Drops what has arrived so far.</summary>
    public void Drain()
    {
        while (_received.Reader.TryRead(out _))
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _response.Dispose();
        _client.Dispose();
        try
        {
            await _reader.WaitAsync(Bounded.Shutdown);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException or TimeoutException or HttpRequestException)
        {
        }

        _stop.Dispose();
    }

    private async Task ReadAsync(Stream body)
    {
        using var reader = new StreamReader(body);
        string? name = null;
        string? data = null;
        try
        {
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                if (line.StartsWith(':'))
                {
                    _received.Writer.TryWrite(new Received(null, null, line[1..].Trim(), DateTimeOffset.UtcNow));
                }
                else if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    name = line["event: ".Length..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    data = line["data: ".Length..];
                }
                else if (line.Length == 0 && name is not null)
                {
                    _received.Writer.TryWrite(new Received(name, JsonNode.Parse(data ?? "{}")!.AsObject(), null, DateTimeOffset.UtcNow));
                    name = null;
                    data = null;
                }
            }
        }
        finally
        {
            _received.Writer.TryComplete();
        }
    }

    /// <summary>An event (<see cref="Name"/>, <see cref="Data"/>) or a comment line.</summary>
    public sealed record Received(string? Name, JsonObject? Data, string? Comment, DateTimeOffset At);
}
