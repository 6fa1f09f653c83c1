using Connectors.Mcp.Core.Connectors;

namespace Connectors.Mcp.Core.Credentials;

/// <summary>
/// Revokes a grant at its provider (used by <c>connector disconnect</c>). One implementation per provider family, in
/// that provider's project, registered as a singleton; a provider without one is disconnected locally only.
/// </summary>
public interface ITokenRevoker
{
    /// <summary>The provider key it revokes for, as connector types name it (e.g. <c>google</c>).</summary>
    string Provider { get; }

    /// <summary>
    /// Revokes the grant behind <paramref name="tokens"/> (the refresh token when there is one), at the endpoint the
    /// connector's <paramref name="settings"/> name (e.g. <c>revoke_url</c>) or the provider's default.
    /// </summary>
    /// <exception cref="Errors.ConnectorException">The provider did not confirm the revocation (the message says why, without tokens).</exception>
    Task RevokeAsync(ConnectorSettings settings, OAuthTokens tokens, CancellationToken cancellationToken);
}
