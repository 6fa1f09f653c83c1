using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Connectors.Mcp.Core.Storage.Persistence;

/// <summary>
/// The admin surface's secrets: tokens (<c>cma_</c> + base64url of 32 random bytes), session ids and CSRF tokens
/// (base64url of 32 random bytes). Tokens and session ids are stored only as their SHA-256 (hex).
/// </summary>
public static class AdminSecrets
{
    public const string TokenPrefix = "cma_";

    public static string NewToken() => TokenPrefix + Random256();

    public static string NewSessionId() => Random256();

    public static string NewCsrfToken() => Random256();

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Random256()
    {
        Span<byte> random = stackalloc byte[32];
        RandomNumberGenerator.Fill(random);
        var text = Base64Url.EncodeToString(random);
        CryptographicOperations.ZeroMemory(random);
        return text;
    }
}
