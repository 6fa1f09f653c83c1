using System.Net.Sockets;

namespace Connectors.Mcp.Google.Tests.Faults;

/// <summary>
/// A primary handler for the "google" client: the first request to <see cref="RefusedConnection.PathSuffix"/> fails the
/// way a refused TCP connection does (before any byte is sent); everything else goes to the fake over real sockets.
/// </summary>
internal sealed class RefuseFirstConnectHandler(RefusedConnection refusal) : DelegatingHandler(new SocketsHttpHandler())
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        refusal.TryRefuse(request.RequestUri!)
            ? throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused", new SocketException((int)SocketError.ConnectionRefused))
            : base.SendAsync(request, cancellationToken);
}
