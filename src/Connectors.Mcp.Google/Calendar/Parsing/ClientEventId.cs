using System.Security.Cryptography;
using System.Text;

namespace Connectors.Mcp.Google.Calendar.Parsing;

/// <summary>
/// The id create_event gives a new event when the caller gives none: 32 base32hex characters (a–v, 0–9, as Google
/// requires) of the SHA-256 of the event's canonical description. The same create_event call therefore always asks for
/// the same id, and Google refuses a repeat with 409 instead of creating a duplicate.
/// </summary>
internal static class ClientEventId
{
    private const string Base32Hex = "0123456789abcdefghijklmnopqrstuv";
    private const int Length = 32;

    public static string FromCanonical(string canonical)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(canonical));
        var id = new StringBuilder(Length);
        var buffer = 0;
        var bits = 0;
        foreach (var b in hash)
        {
            buffer = ((buffer << 8) | b) & 0xFFFF;
            bits += 8;
            while (bits >= 5 && id.Length < Length)
            {
                id.Append(Base32Hex[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }

        return id.ToString();
    }
}
