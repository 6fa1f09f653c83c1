using System.Text.Json.Nodes;

namespace Connectors.Mcp.Tests.Catalog;

/// <summary>Where two JSON documents first differ, as a path such as <c>inputSchema.properties.to.maxItems</c>.</summary>
internal static class JsonDifference
{
    /// <summary>A readable account of the first difference; <c>null</c> when the two are equal.</summary>
    public static string? Describe(JsonNode? committed, JsonNode? generated) => Find(committed, generated, "");

    private static string? Find(JsonNode? committed, JsonNode? generated, string path)
    {
        switch (committed, generated)
        {
            case (JsonObject expected, JsonObject actual):
                foreach (var key in expected.Select(p => p.Key).Union(actual.Select(p => p.Key)).Order(StringComparer.Ordinal))
                {
                    var at = path.Length == 0 ? key : $"{path}.{key}";
                    if (!actual.ContainsKey(key))
                    {
                        return $"{at}: in the snapshot, no longer published";
                    }

                    if (!expected.ContainsKey(key))
                    {
                        return $"{at}: newly published ({Short(actual[key])})";
                    }

                    if (Find(expected[key], actual[key], at) is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            case (JsonArray expected, JsonArray actual):
                for (var i = 0; i < Math.Max(expected.Count, actual.Count); i++)
                {
                    var at = $"{path}[{i}]";
                    if (i >= actual.Count)
                    {
                        return $"{at}: in the snapshot ({Short(expected[i])}), no longer published";
                    }

                    if (i >= expected.Count)
                    {
                        return $"{at}: newly published ({Short(actual[i])})";
                    }

                    if (Find(expected[i], actual[i], at) is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            default:
                return JsonNode.DeepEquals(committed, generated)
                    ? null
                    : $"{(path.Length == 0 ? "(root)" : path)}: snapshot has {Short(committed)}, catalog publishes {Short(generated)}";
        }
    }

    private static string Short(JsonNode? node)
    {
        var text = node?.ToJsonString() ?? "null";
        return text.Length <= 120 ? text : text[..117] + "...";
    }
}
