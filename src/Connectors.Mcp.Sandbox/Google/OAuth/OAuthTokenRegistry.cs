using System.Security.Cryptography;

namespace Connectors.Mcp.Sandbox.Google.OAuth;

/// <summary>The fake's grants: refresh tokens and expiring access tokens (authorization codes: <see cref="AuthorizationCodeRegistry"/>).</summary>
internal sealed class OAuthTokenRegistry(TimeProvider time, string scope)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, bool> _refreshTokens = new(StringComparer.Ordinal); // token → revoked
    private readonly Dictionary<string, AccessGrant> _accessTokens = new(StringComparer.Ordinal);

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    public string Scope => scope;

    public string MintRefreshToken() => RegisterRefreshToken("1//sandbox-" + RandomPart());

    public string RegisterRefreshToken(string token)
    {
        lock (_lock)
        {
            _refreshTokens.TryAdd(token, false);
        }

        return token;
    }

    /// <summary>A new access token for a live refresh token, or null when it is unknown or revoked.</summary>
    public (string AccessToken, TimeSpan Lifetime)? IssueAccessToken(string refreshToken)
    {
        lock (_lock)
        {
            if (!_refreshTokens.TryGetValue(refreshToken, out var revoked) || revoked)
            {
                return null;
            }

            var accessToken = "ya29.sandbox-" + RandomPart();
            var lifetime = AccessTokenLifetime;
            _accessTokens[accessToken] = new AccessGrant(refreshToken, time.GetUtcNow() + lifetime);
            return (accessToken, lifetime);
        }
    }

    public bool IsLiveRefreshToken(string refreshToken)
    {
        lock (_lock)
        {
            return _refreshTokens.TryGetValue(refreshToken, out var revoked) && !revoked;
        }
    }

    /// <summary>
    /// Rotation: a live refresh token is exchanged for a new one, and stops working at once. Null when it is unknown or
    /// revoked (then the request gets invalid_grant).
    /// </summary>
    public string? Rotate(string refreshToken)
    {
        lock (_lock)
        {
            if (!_refreshTokens.TryGetValue(refreshToken, out var revoked) || revoked)
            {
                return null;
            }

            _refreshTokens[refreshToken] = true;
            var next = "1//sandbox-" + RandomPart();
            _refreshTokens[next] = false;
            return next;
        }
    }

    /// <summary>
    /// Google's revocation: a refresh token, or an access token (which revokes the refresh token it came from), kills the
    /// grant. False when the token is unknown or already dead.
    /// </summary>
    public bool RevokeAny(string token)
    {
        lock (_lock)
        {
            var refreshToken = _accessTokens.TryGetValue(token, out var grant) ? grant.RefreshToken : token;
            if (!_refreshTokens.TryGetValue(refreshToken, out var revoked) || revoked)
            {
                return false;
            }

            _refreshTokens[refreshToken] = true;
            return true;
        }
    }

    public bool IsValidAccessToken(string accessToken)
    {
        lock (_lock)
        {
            return _accessTokens.TryGetValue(accessToken, out var grant)
                && grant.ExpiresAt > time.GetUtcNow()
                && _refreshTokens.TryGetValue(grant.RefreshToken, out var revoked) && !revoked;
        }
    }

    public bool Revoke(string refreshToken)
    {
        lock (_lock)
        {
            if (!_refreshTokens.ContainsKey(refreshToken))
            {
                return false;
            }

            _refreshTokens[refreshToken] = true;
            return true;
        }
    }

    public void ExpireAll()
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            foreach (var token in _accessTokens.Keys.ToList())
            {
                _accessTokens[token] = _accessTokens[token] with { ExpiresAt = now };
            }
        }
    }

    private static string RandomPart() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    private sealed record AccessGrant(string RefreshToken, DateTimeOffset ExpiresAt);
}
