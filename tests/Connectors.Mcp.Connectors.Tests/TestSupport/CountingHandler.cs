using System.Net;

namespace Connectors.Mcp.Connectors.Tests.TestSupport;

/// <summary>A primary handler that answers every request with <paramref name="status"/> and counts what reached it.</summary>
internal sealed class CountingHandler(HttpStatusCode status) : HttpMessageHandler
{
    private int _requests;

    public int Requests => Volatile.Read(ref _requests);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        return Task.FromResult(new HttpResponseMessage(status) { RequestMessage = request });
    }
}
