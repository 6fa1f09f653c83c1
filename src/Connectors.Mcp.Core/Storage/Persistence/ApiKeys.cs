using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Connectors.Mcp.Core.Storage.Persistence;

/// <summary>Workspace API keys: <c>cmk_</c> + base64url of 32 random bytes. Only their SHA-256 (hex) is stored.</summary>
public static class ApiKeys
{
    public const string Prefix = "cmk_";

    public static string New()
    {
        Span<byte> random = stackalloc byte[32];
        RandomNumberGenerator.Fill(random);
        var key = Prefix + Base64Url.EncodeToString(random);
        CryptographicOperations.ZeroMemory(random);
        return key;
    }

    public static string Hash(string apiKey) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));
}
