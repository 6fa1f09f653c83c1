using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Connectors.Mcp.Core.OAuth;

/// <summary>
/// Proof Key for Code Exchange (RFC 7636) with the <c>S256</c> method: the authorization request carries
/// <c>BASE64URL(SHA256(ASCII(code_verifier)))</c>, the token request the verifier itself, so an intercepted code is
/// useless without the verifier, which never leaves this server.
/// </summary>
public static class Pkce
{
    /// <summary>The <c>code_challenge_method</c> sent with every challenge.</summary>
    public const string Method = "S256";

    /// <summary>
    /// A new <c>code_verifier</c>: 32 random bytes as base64url, 43 characters of the unreserved set — the minimum
    /// length RFC 7636 §4.1 allows, with 256 bits of entropy as its §7.1 recommends.
    /// </summary>
    public static string CreateVerifier() => RandomTokens.Create(32);

    /// <summary>The <c>S256</c> <c>code_challenge</c> of <paramref name="verifier"/> (RFC 7636 §4.2).</summary>
    public static string Challenge(string verifier)
    {
        ArgumentException.ThrowIfNullOrEmpty(verifier);
        return Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
    }
}
