namespace Connectors.Mcp.Core.Credentials;

/// <summary>
/// A connector's server-to-server app (OAuth client credentials bound to one account, e.g. Zoom's Server-to-Server
/// OAuth app: <c>account_credentials</c> grant): no user, no refresh token. Stored encrypted per connector
/// (<c>connector set-client-credentials</c>). <see cref="ToString"/> never shows the secret.
/// </summary>
public sealed record ServerAppCredentials(string AccountId, string ClientId, string ClientSecret)
{
    public override string ToString() => $"ServerAppCredentials {{ AccountId = {AccountId}, ClientId = {ClientId}, ClientSecret = *** }}";
}
