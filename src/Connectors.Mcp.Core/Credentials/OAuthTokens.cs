namespace Connectors.Mcp.Core.Credentials;

/// <summary>A connector's OAuth tokens. <see cref="ToString"/> is redacted so a token can never reach a log by accident.</summary>
public sealed record OAuthTokens(
    string AccessToken,
    string? RefreshToken,
    DateTimeOffset? ExpiresAt,
    string? Scope = null,
    string TokenType = "Bearer")
{
    public bool IsExpired(DateTimeOffset now, TimeSpan skew) => ExpiresAt is { } at && at - skew <= now;

    public override string ToString() =>
        $"OAuthTokens {{ AccessToken = ***, RefreshToken = {(RefreshToken is null ? "none" : "***")}, ExpiresAt = {ExpiresAt:O} }}";
}
