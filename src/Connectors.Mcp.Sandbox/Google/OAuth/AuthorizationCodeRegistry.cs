using System.Security.Cryptography;

namespace Connectors.Mcp.Sandbox.Google.OAuth;

/// <summary>The fake's outstanding authorization codes: each redeemable once, within <see cref="Lifetime"/>.</summary>
internal sealed class AuthorizationCodeRegistry(TimeProvider time)
{
    /// <summary>How long a code may wait for its token request.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, IssuedAuthorizationCode> _codes = new(StringComparer.Ordinal);

    public DateTimeOffset NewExpiry() => time.GetUtcNow() + Lifetime;

    public string Issue(IssuedAuthorizationCode issued)
    {
        var code = "4/sandbox-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        lock (_lock)
        {
            _codes[code] = issued;
        }

        return code;
    }

    /// <summary>Takes the code out (whatever the token request's outcome, a code is presented once); null when unknown, used or expired.</summary>
    public IssuedAuthorizationCode? Redeem(string code)
    {
        lock (_lock)
        {
            return _codes.Remove(code, out var issued) && issued.ExpiresAt > time.GetUtcNow() ? issued : null;
        }
    }
}
