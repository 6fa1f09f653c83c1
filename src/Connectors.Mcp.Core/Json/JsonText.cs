using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Connectors.Mcp.Core.Json;

/// <summary>How results are written for people and agents: readable JSON and RFC 3339 UTC timestamps.</summary>
public static class JsonText
{
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Compact JSON without needless escapes (<c>&lt;</c>, <c>+</c>, accents stay as they are).</summary>
    public static string Write(JsonNode node) => node.ToJsonString(Readable);

    /// <summary><c>2026-11-26T09:00:00.000Z</c>.</summary>
    public static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
