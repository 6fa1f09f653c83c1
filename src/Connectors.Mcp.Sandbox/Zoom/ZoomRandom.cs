using System.Buffers.Text;
using System.Security.Cryptography;

namespace Connectors.Mcp.Sandbox.Zoom;

/// <summary>Unguessable identifiers and credentials in the shapes Zoom uses (ids are also random: nothing is guessable).</summary>
internal static class ZoomRandom
{
    private const string Alphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>22 alphanumerics, like Zoom's client, account and user ids.</summary>
    public static string ClientId() => RandomNumberGenerator.GetString(Alphanumeric, 22);

    /// <summary>32 alphanumerics, like a Zoom client secret.</summary>
    public static string Secret() => RandomNumberGenerator.GetString(Alphanumeric, 32);

    /// <summary>An opaque token (access, refresh, code, page token): 256 random bits, base64url.</summary>
    public static string Token(string prefix) => prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>An 11-digit meeting id, as Zoom's are (int64 on the wire).</summary>
    public static long MeetingId() => RandomNumberGenerator.GetInt32(100_000_000, 999_999_999) + (8L * 10_000_000_000);

    /// <summary>A meeting UUID: base64 of 16 bytes (it may hold <c>/</c> and <c>+</c>, as Zoom's do).</summary>
    public static string MeetingUuid() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));

    /// <summary>A 6-digit meeting passcode (what Zoom generates when the request sets none).</summary>
    public static string Passcode() => RandomNumberGenerator.GetInt32(100_000, 1_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
