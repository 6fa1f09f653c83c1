using Connectors.Mcp.Core.Credentials;
using Google.Apis.Auth.OAuth2.Responses;

namespace Connectors.Mcp.Google.Auth;

/// <summary>Converts between the product's <see cref="OAuthTokens"/> and Google.Apis' <see cref="TokenResponse"/>.</summary>
internal static class GoogleTokenConversion
{
    /// <summary>
    /// Lifetime assumed for a stored token whose expiry is unknown (e.g. set by hand without <c>--expires-in</c>):
    /// it is used until Gmail answers 401, which makes the credential refresh it.
    /// </summary>
    internal static readonly TimeSpan UnknownExpiryLifetime = TimeSpan.FromDays(3650);

    public static TokenResponse ToTokenResponse(OAuthTokens tokens, DateTimeOffset now)
    {
        var expiresAt = tokens.ExpiresAt ?? now + UnknownExpiryLifetime;
        return new TokenResponse
        {
            AccessToken = tokens.AccessToken,
            RefreshToken = tokens.RefreshToken,
            TokenType = tokens.TokenType,
            Scope = tokens.Scope,
            IssuedUtc = now.UtcDateTime,
            ExpiresInSeconds = (long)Math.Floor((expiresAt - now).TotalSeconds),
        };
    }

    public static OAuthTokens ToOAuthTokens(TokenResponse token)
    {
        DateTimeOffset? expiresAt = token.ExpiresInSeconds is { } seconds
            ? new DateTimeOffset(DateTime.SpecifyKind(token.IssuedUtc, DateTimeKind.Utc)).AddSeconds(seconds)
            : null;
        return new OAuthTokens(
            token.AccessToken,
            token.RefreshToken,
            expiresAt,
            string.IsNullOrEmpty(token.Scope) ? null : token.Scope,
            string.IsNullOrEmpty(token.TokenType) ? "Bearer" : token.TokenType);
    }
}
