namespace Connectors.Mcp.Core.Credentials;

/// <summary>One connector's credentials, as its connector sees them.</summary>
public interface IConnectorCredentials
{
    Task<OAuthTokens?> GetAsync(CancellationToken cancellationToken);

    /// <summary>The stored tokens with their version, lifecycle state and back-off; null when none are stored.</summary>
    Task<StoredCredential?> GetStoredAsync(CancellationToken cancellationToken);

    /// <summary>Stores tokens unconditionally (a new grant); refreshed tokens go through <see cref="RefreshAsync"/> instead.</summary>
    Task SaveAsync(OAuthTokens tokens, CancellationToken cancellationToken);

    /// <summary>
    /// Refreshes the tokens of version <paramref name="fromVersion"/> with exactly one refresh in flight per connector
    /// across threads and processes (see <see cref="CredentialRefreshCoordinator"/>). <paramref name="refresh"/> runs
    /// only for the caller that holds the refresh lease; it calls the token endpoint and stores the result with
    /// <see cref="TokenRefreshAttempt.SaveAsync"/> before the new access token is used. Everyone else gets the tokens
    /// it stored, without a token request.
    /// </summary>
    /// <exception cref="TokenRefreshException">No usable tokens (dead grant, back-off, endpoint down, …).</exception>
    Task<StoredCredential> RefreshAsync(long fromVersion, Func<TokenRefreshAttempt, CancellationToken, Task> refresh, CancellationToken cancellationToken);

    /// <summary>The grant is dead (<c>invalid_grant</c>): keep the row, put the connector in <c>needs_reauth</c>.</summary>
    Task MarkNeedsReauthAsync(string reason, CancellationToken cancellationToken);

    /// <summary>The connector's server-to-server app (<c>connector set-client-credentials</c>), when one is set.</summary>
    Task<ServerAppCredentials?> GetServerAppAsync(CancellationToken cancellationToken) => Task.FromResult<ServerAppCredentials?>(null);
}
