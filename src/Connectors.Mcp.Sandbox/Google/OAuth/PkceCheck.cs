using System.Security.Cryptography;
using System.Text;

namespace Connectors.Mcp.Sandbox.Google.OAuth;

/// <summary>The authorization server's side of RFC 7636: does a <c>code_verifier</c> match the challenge the code was issued for?</summary>
internal static class PkceCheck
{
    public static bool Matches(string verifier, string challenge, string method) => method switch
    {
        "S256" => CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_')),
            Encoding.ASCII.GetBytes(challenge)),
        "plain" => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(verifier), Encoding.ASCII.GetBytes(challenge)),
        _ => false,
    };

    /// <summary>RFC 7636 §4.1: 43 to 128 characters of <c>[A-Za-z0-9-._~]</c>.</summary>
    public static bool IsWellFormedVerifier(string verifier) =>
        verifier.Length is >= 43 and <= 128 && verifier.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~');
}
