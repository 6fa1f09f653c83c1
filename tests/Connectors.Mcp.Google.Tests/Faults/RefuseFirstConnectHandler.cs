using System.Net.Sockets;

namespace Connectors.Mcp.Google.Tests.Faults;

/// <summary>
/// A primary handler for the "google" client: the first request to <see cref="RefusedConnection.PathSuffix"/> fails the
/// way a connection that could not be opened does (before any byte is sent); everything else goes to the fake over real sockets.
/// </summary>
internal sealed class RefuseFirstConnectHandler(RefusedConnection refusal) : DelegatingHandler(new SocketsHttpHandler())
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        refusal.TryRefuse(request.RequestUri!)
            ? throw refusal.Failure()
            : base.SendAsync(request, cancellationToken);

    /// <summary>What SocketsHttpHandler throws when the TCP connection is refused.</summary>
    public static Exception ConnectionRefused() =>
        new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused", new SocketException((int)SocketError.ConnectionRefused));

    /// <summary>What SocketsHttpHandler throws when its <c>ConnectTimeout</c> expires.</summary>
    public static Exception ConnectTimedOut() =>
        new TaskCanceledException("The operation was canceled.", new TimeoutException("A connection could not be established within the configured ConnectTimeout."));
}
