namespace Connectors.Mcp.Core.Storage;

/// <summary>
/// Pending OAuth authorizations (<c>oauth_states</c>): what a connect flow must remember between sending the browser to
/// the provider and the provider's redirect back — the connector, the exact redirect URI and the PKCE verifier — keyed
/// by the request's <c>state</c>. The state itself is stored only as a hash and the verifier encrypted.
/// </summary>
public interface IOAuthStateStore
{
    /// <summary>Stores a new pending authorization (and forgets ones that expired more than a day ago).</summary>
    /// <exception cref="EntityNotFoundException">Unknown connector.</exception>
    Task SaveAsync(OAuthPendingAuthorization authorization, CancellationToken cancellationToken);

    /// <summary>
    /// Looks the state up and marks it used, in one immediate transaction, so of two redirects carrying the same state
    /// exactly one gets the authorization. A used state keeps its row (without the verifier) until it is purged, so a
    /// replay is told apart from a state that never existed. Expiry is the caller's to judge (<see cref="OAuthPendingAuthorization.ExpiresAt"/>).
    /// </summary>
    Task<OAuthStateRedemption> RedeemAsync(string state, CancellationToken cancellationToken);
}
