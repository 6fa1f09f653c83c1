namespace Connectors.Mcp.Sandbox.Zoom;

/// <summary>
/// The fake's grants. A user grant has one live refresh token at a time: every refresh rotates it (the used one dies at
/// once, as Zoom's do) and issues a new access token. Server-to-Server access tokens belong to no refresh token.
/// Access tokens expire by the fake's clock; revoking kills a grant with all its tokens. Authorization codes are single
/// use, ten minutes, bound to the client, the redirect URI and the PKCE challenge.
/// </summary>
internal sealed class ZoomTokenRegistry(TimeProvider time, TimeSpan accessTokenLifetime)
{
    private const int MaxTokens = 100_000;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, RefreshToken> _refreshTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AccessToken> _accessTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IssuedCode> _codes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _revokedGrants = new(StringComparer.Ordinal);

    public TimeSpan AccessTokenLifetime { get; set; } = accessTokenLifetime;

    /// <summary>A new user grant: its first refresh token, live until used or revoked.</summary>
    public string MintRefreshToken()
    {
        var token = ZoomRandom.Token("zrt.");
        lock (_lock)
        {
            Bound();
            _refreshTokens[token] = new RefreshToken(ZoomRandom.Token("grant."), Dead: false);
        }

        return token;
    }

    public bool IsLive(string refreshToken)
    {
        lock (_lock)
        {
            return _refreshTokens.TryGetValue(refreshToken, out var r) && !r.Dead && !_revokedGrants.Contains(r.GrantId);
        }
    }

    /// <summary>An access token for a live refresh token, without rotating it; null when it is unknown or dead.</summary>
    public (string AccessToken, DateTimeOffset ExpiresAt)? IssueAccessToken(string refreshToken)
    {
        lock (_lock)
        {
            if (!_refreshTokens.TryGetValue(refreshToken, out var r) || r.Dead || _revokedGrants.Contains(r.GrantId))
            {
                return null;
            }

            return NewAccessToken(r.GrantId);
        }
    }

    /// <summary>
    /// The refresh grant: the presented refresh token dies, a new one replaces it and a new access token is issued. Null
    /// when the token is unknown, already used (rotated away) or revoked.
    /// </summary>
    public (string RefreshToken, string AccessToken, DateTimeOffset ExpiresAt)? Rotate(string refreshToken)
    {
        lock (_lock)
        {
            if (!_refreshTokens.TryGetValue(refreshToken, out var r) || r.Dead || _revokedGrants.Contains(r.GrantId))
            {
                return null;
            }

            _refreshTokens[refreshToken] = r with { Dead = true };
            var next = ZoomRandom.Token("zrt.");
            _refreshTokens[next] = new RefreshToken(r.GrantId, Dead: false);
            var (access, expiresAt) = NewAccessToken(r.GrantId);
            return (next, access, expiresAt);
        }
    }

    /// <summary>A new user grant from a redeemed code: refresh token and access token.</summary>
    public (string RefreshToken, string AccessToken, DateTimeOffset ExpiresAt) IssueUserGrant()
    {
        var refresh = MintRefreshToken();
        var (access, expiresAt) = IssueAccessToken(refresh)!.Value;
        return (refresh, access, expiresAt);
    }

    /// <summary>A Server-to-Server access token (no refresh token; each request gets a new one, earlier ones stay valid).</summary>
    public (string AccessToken, DateTimeOffset ExpiresAt) IssueServerToServer()
    {
        lock (_lock)
        {
            return NewAccessToken(grantId: null);
        }
    }

    public ZoomAccessCheck Check(string accessToken)
    {
        lock (_lock)
        {
            if (!_accessTokens.TryGetValue(accessToken, out var a) || (a.GrantId is { } grant && _revokedGrants.Contains(grant)))
            {
                return ZoomAccessCheck.Invalid;
            }

            return a.ExpiresAt > time.GetUtcNow() ? ZoomAccessCheck.Valid : ZoomAccessCheck.Expired;
        }
    }

    /// <summary>Revokes the grant a refresh or access token belongs to (an S2S access token alone); false when unknown.</summary>
    public bool Revoke(string token)
    {
        lock (_lock)
        {
            if (_refreshTokens.TryGetValue(token, out var r))
            {
                _revokedGrants.Add(r.GrantId);
                return true;
            }

            if (_accessTokens.TryGetValue(token, out var a))
            {
                if (a.GrantId is { } grant)
                {
                    _revokedGrants.Add(grant);
                }
                else
                {
                    _accessTokens[token] = a with { ExpiresAt = DateTimeOffset.MinValue };
                }

                return true;
            }

            return false;
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

    public string IssueCode(string clientId, string redirectUri, string? codeChallenge)
    {
        var code = ZoomRandom.Token("zac.");
        lock (_lock)
        {
            Bound();
            _codes[code] = new IssuedCode(clientId, redirectUri, codeChallenge, time.GetUtcNow().AddMinutes(10));
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

    private (string AccessToken, DateTimeOffset ExpiresAt) NewAccessToken(string? grantId)
    {
        Bound();
        var token = ZoomRandom.Token("zat.");
        var expiresAt = time.GetUtcNow() + AccessTokenLifetime;
        _accessTokens[token] = new AccessToken(grantId, expiresAt);
        return (token, expiresAt);
    }

    /// <summary>A fake that runs for days in a sandbox must not grow without bound: past the cap, the oldest are forgotten.</summary>
    private void Bound()
    {
        if (_accessTokens.Count >= MaxTokens)
        {
            var now = time.GetUtcNow();
            foreach (var stale in _accessTokens.Where(a => a.Value.ExpiresAt <= now).Select(a => a.Key).ToList())
            {
                _accessTokens.Remove(stale);
            }
        }

        if (_refreshTokens.Count >= MaxTokens)
        {
            foreach (var dead in _refreshTokens.Where(r => r.Value.Dead).Select(r => r.Key).ToList())
            {
                _refreshTokens.Remove(dead);
            }
        }

        if (_codes.Count >= MaxTokens)
        {
            _codes.Clear();
        }
    }

    private sealed record RefreshToken(string GrantId, bool Dead);

    private sealed record AccessToken(string? GrantId, DateTimeOffset ExpiresAt);

    public sealed record IssuedCode(string ClientId, string RedirectUri, string? CodeChallenge, DateTimeOffset ExpiresAt);
}
