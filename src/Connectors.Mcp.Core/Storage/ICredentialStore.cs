using Connectors.Mcp.Core.Credentials;

namespace Connectors.Mcp.Core.Storage;

/// <summary>
/// Encrypted OAuth tokens (<c>connector_credentials</c>) and OAuth clients. Ciphertexts are bound to their row with
/// associated data (see <see cref="Security.SecretProtector"/>).
/// </summary>
public interface ICredentialStore
{
    Task<OAuthTokens?> GetTokensAsync(string workspaceId, string connectorId, CancellationToken cancellationToken);

    /// <summary>
    /// The stored tokens with their version, credential state (<c>refreshing</c> while a refresh lease is live) and
    /// token-endpoint back-off; null when no tokens are stored.
    /// </summary>
    Task<StoredCredential?> GetStoredCredentialAsync(string workspaceId, string connectorId, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a new grant (set-token, connect): version + 1, credential state <c>active</c>, any refresh lease and
    /// back-off cleared; a connector in needs_reauth becomes active (unless disabled). Bumps the catalog version when
    /// the status changes.
    /// </summary>
    Task SaveTokensAsync(string workspaceId, string connectorId, OAuthTokens tokens, CancellationToken cancellationToken);

    /// <summary>
    /// Disconnect: deletes the tokens (and a server-to-server app, <see cref="SetServerAppAsync"/>), sets credential state <c>revoked</c>, and moves an active or errored connector to
    /// needs_reauth (a disabled one stays disabled). Bumps the catalog version.
    /// </summary>
    Task DeleteTokensAsync(string connectorId, CancellationToken cancellationToken);

    /// <summary>
    /// The refresh lease's compare-and-set, in one immediate transaction: granted to <paramref name="owner"/> for
    /// <paramref name="duration"/> only if the stored version is still <paramref name="fromVersion"/>, the grant is
    /// active, no back-off runs and no other live lease exists (an expired one is taken over).
    /// </summary>
    Task<RefreshLeaseResult> TryAcquireRefreshLeaseAsync(
        string workspaceId, string connectorId, long fromVersion, string owner, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>
    /// Saves refreshed tokens only if the stored version is still <paramref name="fromVersion"/> and the grant is still
    /// active: version + 1, lease released, back-off cleared. Returns the stored credential, or null when superseded.
    /// </summary>
    Task<StoredCredential?> SaveRefreshedTokensAsync(
        string workspaceId, string connectorId, OAuthTokens tokens, long fromVersion, CancellationToken cancellationToken);

    /// <summary>
    /// The token endpoint failed: count a consecutive failure, block refreshes until now + <see cref="TokenRefreshBackoff.After"/>
    /// and release <paramref name="owner"/>'s lease. The tokens stay. Returns the end of the back-off.
    /// </summary>
    Task<DateTimeOffset> RecordRefreshFailureAsync(string workspaceId, string connectorId, string owner, CancellationToken cancellationToken);

    /// <summary>Releases <paramref name="owner"/>'s refresh lease (no-op when another owner holds it or none is held).</summary>
    Task ReleaseRefreshLeaseAsync(string workspaceId, string connectorId, string owner, CancellationToken cancellationToken);

    /// <summary>oauth-client set: provider is <c>google</c>, <c>microsoft</c> or <c>zoom</c>.</summary>
    Task SetOAuthClientAsync(OAuthClientCredentials client, CancellationToken cancellationToken);

    Task<OAuthClientCredentials?> GetOAuthClientAsync(string provider, CancellationToken cancellationToken);

    /// <summary>
    /// <c>connector set-client-credentials</c>: stores the connector's server-to-server app (secret encrypted, bound to
    /// workspace and connector; replaces an earlier one) and, like a new grant, moves a connector in needs_reauth to
    /// active. A store that cannot hold one refuses.
    /// </summary>
    Task SetServerAppAsync(string workspaceId, string connectorId, ServerAppCredentials app, CancellationToken cancellationToken) =>
        throw new NotSupportedException("This credential store cannot hold server-to-server app credentials.");

    /// <summary>The connector's server-to-server app; null when none is set (or the store cannot hold one).</summary>
    Task<ServerAppCredentials?> GetServerAppAsync(string workspaceId, string connectorId, CancellationToken cancellationToken) =>
        Task.FromResult<ServerAppCredentials?>(null);
}
