using System.Security.Cryptography;

namespace Connectors.Mcp.Core.Storage.Persistence;

/// <summary>
/// Random, prefixed, URL-safe ids: <c>ws_</c>, <c>con_</c>, <c>apr_</c>, <c>rul_</c>, <c>key_</c> followed by 120 random bits in lowercase
/// Crockford base32 (24 characters; no i, l, o or u, so an id read aloud or retyped stays unambiguous).
/// </summary>
public static class EntityIds
{
    public const string WorkspacePrefix = "ws";
    public const string ConnectorPrefix = "con";
    public const string ApprovalPrefix = "apr";
    public const string ApprovalRulePrefix = "rul";
    public const string ApiKeyPrefix = "key";

    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";
    private const int RandomBytes = 15;

    public static string New(string prefix)
    {
        Span<byte> random = stackalloc byte[RandomBytes];
        RandomNumberGenerator.Fill(random);
        Span<char> text = stackalloc char[RandomBytes * 8 / 5];
        var buffer = 0;
        var bits = 0;
        var position = 0;
        foreach (var value in random)
        {
            buffer = (buffer << 8) | value;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                text[position++] = Alphabet[(buffer >> bits) & 31];
            }
        }

        return $"{prefix}_{text}";
    }
}
