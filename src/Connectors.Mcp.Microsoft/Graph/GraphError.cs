using System.Text.Json;

namespace Connectors.Mcp.Microsoft.Graph;

/// <summary>Graph's JSON error body, <c>{"error":{"code":"ErrorItemNotFound","message":"…"}}</c>; bounded, never a token.</summary>
internal sealed record GraphError(string Code, string Message)
{
    private const int MaxMessage = 300;

    public static GraphError Parse(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.Object)
            {
                return new GraphError(Text(error, "code") ?? "unknownError", Bound(Text(error, "message") ?? ""));
            }
        }
        catch (JsonException)
        {
            // A proxy's HTML page, say: the status code says enough.
        }

        return new GraphError("unknownError", "no Graph error body");
    }

    private static string Bound(string text) => text.Length <= MaxMessage ? text : text[..MaxMessage] + "…";

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
