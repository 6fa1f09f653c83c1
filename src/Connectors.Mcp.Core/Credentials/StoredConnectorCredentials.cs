using Connectors.Mcp.Core.Storage;

namespace Connectors.Mcp.Core.Credentials;

/// <summary>One connector's view of the credential store, refreshing through the process's <see cref="CredentialRefreshCoordinator"/>.</summary>
public sealed class StoredConnectorCredentials(
    ICredentialStore credentials, IConnectorStore connectors, CredentialRefreshCoordinator coordinator, string workspaceId, string connectorId) : IConnectorCredentials
{
    public Task<OAuthTokens?> GetAsync(CancellationToken cancellationToken) =>
        credentials.GetTokensAsync(workspaceId, connectorId, cancellationToken);

    public Task<StoredCredential?> GetStoredAsync(CancellationToken cancellationToken) =>
        credentials.GetStoredCredentialAsync(workspaceId, connectorId, cancellationToken);

    public Task SaveAsync(OAuthTokens tokens, CancellationToken cancellationToken) =>
        credentials.SaveTokensAsync(workspaceId, connectorId, tokens, cancellationToken);

    public Task<StoredCredential> RefreshAsync(long fromVersion, Func<TokenRefreshAttempt, CancellationToken, Task> refresh, CancellationToken cancellationToken) =>
        coordinator.RefreshAsync(credentials, workspaceId, connectorId, fromVersion, refresh, cancellationToken);

    public Task MarkNeedsReauthAsync(string reason, CancellationToken cancellationToken) =>
        connectors.MarkNeedsReauthAsync(connectorId, reason, cancellationToken);

    public Task<ServerAppCredentials?> GetServerAppAsync(CancellationToken cancellationToken) =>
        credentials.GetServerAppAsync(workspaceId, connectorId, cancellationToken);
}
