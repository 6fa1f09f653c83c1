using System.Text;
using System.Text.Json;
using Connectors.Mcp.Core.Credentials;

namespace Connectors.Mcp.Core.Storage.Persistence;

/// <summary>The plaintext inside <c>connector_credentials.tokens_encrypted</c>: a snake_case JSON object.</summary>
public static class TokenJson
{
    public static string Serialize(OAuthTokens tokens)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("access_token", tokens.AccessToken);
            WriteNullable(writer, "refresh_token", tokens.RefreshToken);
            WriteNullable(writer, "expires_at", StorageTime.ToText(tokens.ExpiresAt));
            WriteNullable(writer, "scope", tokens.Scope);
            writer.WriteString("token_type", tokens.TokenType);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <exception cref="JsonException">Not a token object.</exception>
    public static OAuthTokens Deserialize(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return new OAuthTokens(
            root.GetProperty("access_token").GetString() ?? throw new JsonException("access_token is null."),
            GetNullable(root, "refresh_token"),
            StorageTime.ParseNullable(GetNullable(root, "expires_at")),
            GetNullable(root, "scope"),
            GetNullable(root, "token_type") ?? "Bearer");
    }

    private static void WriteNullable(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    private static string? GetNullable(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
