using System.Text.Json.Nodes;

namespace Connectors.Mcp.Core.Connectors;

/// <summary>
/// Tool outputs leave a property out rather than set it to null, so output schemas can declare single types
/// (<c>"type": "string"</c>, optional) instead of <c>["string", "null"]</c>, which some clients' function-calling
/// dialects reject (see the portability check in .ci/run).
/// </summary>
public static class NullProperties
{
    /// <summary>Removes every null-valued property from <paramref name="result"/> and the objects nested in it; returns it.</summary>
    public static JsonObject Omit(JsonObject result)
    {
        OmitIn(result);
        return result;
    }

    private static void OmitIn(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Where(p => p.Value is null).Select(p => p.Key).ToList())
                {
                    obj.Remove(name);
                }

                foreach (var (_, value) in obj)
                {
                    OmitIn(value);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    OmitIn(item);
                }

                break;
        }
    }
}
