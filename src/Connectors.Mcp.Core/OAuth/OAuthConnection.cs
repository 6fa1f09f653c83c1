using Connectors.Mcp.Core.Storage;

namespace Connectors.Mcp.Core.OAuth;

/// <summary>A completed connect flow: the connector as it is now (tokens stored), and what the provider granted.</summary>
/// <param name="Connector">The connector after the tokens were stored (normally <c>active</c>).</param>
/// <param name="TypeDisplayName">The connector type's name, e.g. <c>Gmail</c>.</param>
/// <param name="AccountEmail">The account's address when the provider said it (an OpenID Connect <c>id_token</c>); else null.</param>
/// <param name="GrantedScopes">The scopes the provider reported granting (may include earlier grants).</param>
/// <param name="HasRefreshToken">Whether a refresh token was issued; without one the connection lasts one access token.</param>
public sealed record OAuthConnection(
    ConnectorInstance Connector,
    string TypeDisplayName,
    string? AccountEmail,
    IReadOnlyList<string> GrantedScopes,
    bool HasRefreshToken);
