using Connectors.Mcp.Core.Credentials;

namespace Connectors.Mcp.Zoom.Tests.TestSupport;

/// <summary>A connector with no user grant and a Server-to-Server OAuth app, as <c>connector set-client-credentials</c> leaves it.</summary>
internal sealed class ServerAppConnectorCredentials(ServerAppCredentials app) : IConnectorCredentials
{
    private readonly InMemoryConnectorCredentials _none = new(null);

    public Task<OAuthTokens?> GetAsync(CancellationToken cancellationToken) => _none.GetAsync(cancellationToken);

    public Task<StoredCredential?> GetStoredAsync(CancellationToken cancellationToken) => _none.GetStoredAsync(cancellationToken);

    public Task SaveAsync(OAuthTokens tokens, CancellationToken cancellationToken) => throw new InvalidOperationException("A Server-to-Server connector stores no grant.");

    public Task<StoredCredential> RefreshAsync(long fromVersion, Func<TokenRefreshAttempt, CancellationToken, Task> refresh, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("A Server-to-Server connector has no refresh token.");

    public Task MarkNeedsReauthAsync(string reason, CancellationToken cancellationToken) => _none.MarkNeedsReauthAsync(reason, cancellationToken);

    public Task<ServerAppCredentials?> GetServerAppAsync(CancellationToken cancellationToken) => Task.FromResult<ServerAppCredentials?>(app);
}
