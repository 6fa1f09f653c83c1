using System.Buffers.Text;
using System.Text.Json;

namespace Connectors.Mcp.Core.OAuth;

/// <summary>
/// Reads the account's address from an OpenID Connect <c>id_token</c> received straight from the token endpoint over
/// TLS — which OpenID Connect Core §3.1.3.7 accepts in place of checking its signature. Used only to say which account
/// was connected; never for access decisions.
/// </summary>
internal static class IdTokenClaims
{
    /// <summary>The <c>email</c> claim, or null when the token is absent, malformed or has none.</summary>
    public static string? Email(string? idToken)
    {
        var parts = idToken?.Split('.');
        if (parts is not { Length: 3 } || parts[1].Length == 0)
        {
            return null;
        }

        try
        {
            var payload = Base64Url.DecodeFromChars(parts[1]);
            using var json = JsonDocument.Parse(payload);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("email", out var email)
                && email.ValueKind == JsonValueKind.String
                && email.GetString() is { Length: > 0 and <= 320 } address
                && !address.Any(char.IsControl)
                    ? address
                    : null;
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            return null;
        }
    }
}
