using System.Security.Cryptography;

namespace Connectors.Mcp.Sandbox.Microsoft;

/// <summary>
/// The fake identity platform's grants: refresh tokens that rotate on every use (the used one dies at once, as
/// Microsoft's may), expiring access tokens, and single-use authorization codes bound to a client, redirect URI and
/// PKCE challenge.
/// </summary>
internal sealed class MicrosoftTokenRegistry(TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, bool> _refreshTokens = new(StringComparer.Ordinal); // token → dead
    private readonly Dictionary<string, (string RefreshToken, DateTimeOffset ExpiresAt)> _accessTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IssuedCode> _codes = new(StringComparer.Ordinal);

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    public string MintRefreshToken() => RegisterRefreshToken("M.C5_sandbox." + RandomPart());

    public string RegisterRefreshToken(string token)
    {
        lock (_lock)
        {
            _refreshTokens.TryAdd(token, false);
        }

        return token;
    }

    public bool IsLive(string refreshToken)
    {
        lock (_lock)
        {
            return _refreshTokens.TryGetValue(refreshToken, out var dead) && !dead;
        }
    }

    public bool Revoke(string refreshToken)
    {
        lock (_lock)
        {
            return _refreshTokens.ContainsKey(refreshToken) && (_refreshTokens[refreshToken] = true);
        }
    }

    /// <summary>An access token for a live refresh token, or null.</summary>
    public (string AccessToken, TimeSpan Lifetime)? IssueAccessToken(string refreshToken)
    {
        lock (_lock)
        {
            if (!_refreshTokens.TryGetValue(refreshToken, out var dead) || dead)
            {
                return null;
            }

            var token = "EwB4A8l6sandbox." + RandomPart();
            _accessTokens[token] = (refreshToken, time.GetUtcNow() + AccessTokenLifetime);
            return (token, AccessTokenLifetime);
        }
    }

    /// <summary>Rotation: the live refresh token dies and a new one replaces it; null when it is unknown or dead.</summary>
    public string? Rotate(string refreshToken)
    {
        lock (_lock)
        {
            if (!_refreshTokens.TryGetValue(refreshToken, out var dead) || dead)
            {
                return null;
            }

            _refreshTokens[refreshToken] = true;
            var next = "M.C5_sandbox." + RandomPart();
            _refreshTokens[next] = false;
            return next;
        }
    }

    public bool IsValidAccessToken(string accessToken)
    {
        lock (_lock)
        {
            return _accessTokens.TryGetValue(accessToken, out var grant)
                && grant.ExpiresAt > time.GetUtcNow()
                && _refreshTokens.TryGetValue(grant.RefreshToken, out var dead) && !dead;
        }
    }

    public void ExpireAll()
    {
        lock (_lock)
        {
            foreach (var token in _accessTokens.Keys.ToList())
            {
                _accessTokens[token] = _accessTokens[token] with { ExpiresAt = time.GetUtcNow() };
            }
        }
    }

    public string IssueCode(string clientId, string redirectUri, string? codeChallenge, string scope)
    {
        var code = "M.C5_code." + RandomPart();
        lock (_lock)
        {
            _codes[code] = new IssuedCode(clientId, redirectUri, codeChallenge, scope, time.GetUtcNow().AddMinutes(10));
        }

        return code;
    }

    /// <summary>Spends a code (any presentation does); null when unknown, spent or expired.</summary>
    public IssuedCode? Redeem(string code)
    {
        lock (_lock)
        {
            return _codes.Remove(code, out var issued) && issued.ExpiresAt > time.GetUtcNow() ? issued : null;
        }
    }

    private static string RandomPart() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    public sealed record IssuedCode(string ClientId, string RedirectUri, string? CodeChallenge, string Scope, DateTimeOffset ExpiresAt);
}
