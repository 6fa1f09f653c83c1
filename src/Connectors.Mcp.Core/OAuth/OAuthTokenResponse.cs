namespace Connectors.Mcp.Core.OAuth;

/// <summary>A successful token response (RFC 6749 §5.1), plus OpenID Connect's <c>id_token</c> when present. Redacted <see cref="ToString"/>.</summary>
internal sealed record OAuthTokenResponse(
    string AccessToken,
    string? RefreshToken,
    long? ExpiresInSeconds,
    string? Scope,
    string TokenType,
    string? IdToken)
{
    public override string ToString() =>
        $"OAuthTokenResponse {{ AccessToken = ***, RefreshToken = {(RefreshToken is null ? "none" : "***")}, ExpiresIn = {ExpiresInSeconds}, Scope = {Scope} }}";
}
