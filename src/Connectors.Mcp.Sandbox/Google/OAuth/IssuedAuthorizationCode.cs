namespace Connectors.Mcp.Sandbox.Google.OAuth;

/// <summary>
/// What an authorization code was issued for, so the token request can be held to it: the client, the exact
/// redirect URI, the granted scopes, the PKCE challenge (when one was sent) and whether offline access was asked for.
/// </summary>
internal sealed record IssuedAuthorizationCode(
    string ClientId,
    string RedirectUri,
    IReadOnlyList<string> Scopes,
    string? CodeChallenge,
    string CodeChallengeMethod,
    bool Offline,
    DateTimeOffset ExpiresAt);
