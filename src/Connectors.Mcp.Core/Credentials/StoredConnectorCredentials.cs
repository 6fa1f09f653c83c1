using Connectors.Mcp.Core.Storage;

namespace Connectors.Mcp.Core.Credentials;

/// <summary>One connector's view of the credential store.</summary>
public sealed class StoredConnectorCredentials(ICredentialStore credentials, IConnectorStore connectors, string workspaceId, string connectorId) : IConnectorCredentials
{
    public Task<OAuthTokens?> GetAsync(CancellationToken cancellationToken) =>
        credentials.GetTokensAsync(workspaceId, connectorId, cancellationToken);

    public Task SaveAsync(OAuthTokens tokens, CancellationToken cancellationToken) =>
        credentials.SaveTokensAsync(workspaceId, connectorId, tokens, cancellationToken);

    public Task MarkNeedsReauthAsync(string reason, CancellationToken cancellationToken) =>
        connectors.MarkNeedsReauthAsync(connectorId, reason, cancellationToken);
}
