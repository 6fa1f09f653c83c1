namespace Connectors.Mcp.Core.Storage;

/// <summary>
/// One authorization request in flight: the <c>state</c> sent to the provider, the connector it connects, the exact
/// <c>redirect_uri</c> sent (the token request must repeat it, and the callback must arrive on it) and the PKCE
/// <c>code_verifier</c>. <see cref="ToString"/> leaves the state and verifier out.
/// </summary>
public sealed record OAuthPendingAuthorization(
    string State,
    string WorkspaceId,
    string ConnectorId,
    string RedirectUri,
    string CodeVerifier,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt)
{
    public override string ToString() =>
        $"OAuthPendingAuthorization {{ State = ***, WorkspaceId = {WorkspaceId}, ConnectorId = {ConnectorId}, RedirectUri = {RedirectUri}, CodeVerifier = ***, ExpiresAt = {ExpiresAt:O} }}";
}
