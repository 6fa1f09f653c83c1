namespace Connectors.Mcp.Core.Credentials;

/// <summary>One connector's credentials, as its connector sees them.</summary>
public interface IConnectorCredentials
{
    Task<OAuthTokens?> GetAsync(CancellationToken cancellationToken);

    /// <summary>Stores refreshed tokens durably (a rotated refresh token is committed before it is used).</summary>
    Task SaveAsync(OAuthTokens tokens, CancellationToken cancellationToken);

    /// <summary>The grant is dead (<c>invalid_grant</c>): keep the row, put the connector in <c>needs_reauth</c>.</summary>
    Task MarkNeedsReauthAsync(string reason, CancellationToken cancellationToken);
}
