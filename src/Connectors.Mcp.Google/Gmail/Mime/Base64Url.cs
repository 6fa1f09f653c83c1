namespace Connectors.Mcp.Google.Gmail.Mime;

/// <summary>Gmail's base64url (RFC 4648 §5) for <c>raw</c> and <c>body.data</c>; decoding accepts padding or none.</summary>
internal static class Base64Url
{
    public static string Encode(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    /// <exception cref="FormatException">Not base64url.</exception>
    public static byte[] Decode(string text) => System.Buffers.Text.Base64Url.DecodeFromChars(text.TrimEnd('=').AsSpan());
}
