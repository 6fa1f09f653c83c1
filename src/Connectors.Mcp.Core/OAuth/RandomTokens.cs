using System.Buffers.Text;
using System.Security.Cryptography;

namespace Connectors.Mcp.Core.OAuth;

/// <summary>Unguessable URL-safe strings: base64url (no padding) of bytes from the OS's CSPRNG.</summary>
internal static class RandomTokens
{
    /// <summary><paramref name="bytes"/> random bytes as base64url; 32 bytes give 43 characters (256 bits).</summary>
    public static string Create(int bytes)
    {
        Span<byte> random = stackalloc byte[bytes];
        RandomNumberGenerator.Fill(random);
        return Base64Url.EncodeToString(random);
    }
}
