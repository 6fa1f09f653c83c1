using System.Text.Json;

namespace Connectors.Mcp.Connectors.Arguments;

/// <summary>Parses a schema literal once, at type load, into a detached <see cref="JsonElement"/>.</summary>
public static class SchemaJson
{
    public static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
