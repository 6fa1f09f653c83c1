using System.Text.Json;

namespace Connectors.Mcp.Zoom.Api;

/// <summary>Zoom's API error body, <c>{"code":3001,"message":"Meeting does not exist: 123."}</c>, read defensively.</summary>
internal sealed record ZoomErrorBody(int? Code, string? Message)
{
    private const int MaxMessageLength = 300;

    public static ZoomErrorBody Read(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new ZoomErrorBody(null, null);
            }

            int? code = root.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var n) ? n : null;
            var message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            return new ZoomErrorBody(code, message);
        }
        catch (JsonException)
        {
            return new ZoomErrorBody(null, null);
        }
    }

    /// <summary><c>code 3001: Meeting does not exist: 123.</c>, bounded and on one line.</summary>
    public string Describe()
    {
        var message = Message is null ? "no Zoom error body" : string.Concat(Message.Where(ch => !char.IsControl(ch)));
        message = message.Length <= MaxMessageLength ? message : message[..MaxMessageLength] + "…";
        return Code is { } code ? $"code {code}: {message}" : message;
    }
}
