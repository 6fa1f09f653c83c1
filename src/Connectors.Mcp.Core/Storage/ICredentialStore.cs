using Connectors.Mcp.Core.Credentials;

namespace Connectors.Mcp.Core.Storage;

/// <summary>
/// Encrypted OAuth tokens (<c>connector_credentials</c>) and OAuth clients. Ciphertexts are bound to their row with
/// associated data (see <see cref="Security.SecretProtector"/>).
/// </summary>
public interface ICredentialStore
{
    Task<OAuthTokens?> GetTokensAsync(string workspaceId, string connectorId, CancellationToken cancellationToken);

    /// <summary>Stores tokens; a connector in needs_reauth becomes active (unless disabled). Bumps the catalog version when the status changes.</summary>
    Task SaveTokensAsync(string workspaceId, string connectorId, OAuthTokens tokens, CancellationToken cancellationToken);

    Task DeleteTokensAsync(string connectorId, CancellationToken cancellationToken);

    /// <summary>oauth-client set: provider is <c>google</c>, <c>microsoft</c> or <c>zoom</c>.</summary>
    Task SetOAuthClientAsync(OAuthClientCredentials client, CancellationToken cancellationToken);

    Task<OAuthClientCredentials?> GetOAuthClientAsync(string provider, CancellationToken cancellationToken);
}
