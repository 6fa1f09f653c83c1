using System.Net;
using System.Text;

namespace Connectors.Mcp.Zoom.Tests.TestSupport;

/// <summary>Answers every request with the next queued response and records what was sent (method, URL, headers, body).</summary>
internal sealed class RecordingHandler : HttpMessageHandler
{
    private readonly Queue<Func<HttpResponseMessage>> _responses = new();

    public List<(HttpRequestMessage Request, string Body)> Requests { get; } = [];

    public RecordingHandler Answer(HttpStatusCode status, string json)
    {
        _responses.Enqueue(() => new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") });
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Add((request, body));
        return _responses.Count > 0 ? _responses.Dequeue()() : throw new InvalidOperationException("No response queued.");
    }
}
