using System.Text.Json.Nodes;

namespace Connectors.Mcp.Tests.Catalog;

/// <summary>
/// Visits every subschema of a JSON Schema (2020-12 applicators), with its path, and never the data keywords
/// (<c>enum</c>, <c>const</c>, <c>default</c>, <c>examples</c>), so a <c>"$ref"</c> inside a default value is not a reference.
/// </summary>
internal static class SchemaWalker
{
    private static readonly string[] SingleSchema =
        ["items", "additionalItems", "additionalProperties", "unevaluatedItems", "unevaluatedProperties", "contains", "propertyNames", "not", "if", "then", "else"];

    private static readonly string[] SchemaArrays = ["allOf", "anyOf", "oneOf", "prefixItems"];

    private static readonly string[] SchemaMaps = ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"];

    public static IEnumerable<(JsonObject Schema, string Path)> Subschemas(JsonNode? root, string rootPath = "#")
    {
        if (root is not JsonObject schema)
        {
            yield break;
        }

        yield return (schema, rootPath);
        foreach (var keyword in SingleSchema)
        {
            foreach (var inner in Subschemas(schema[keyword], $"{rootPath}/{keyword}"))
            {
                yield return inner;
            }
        }

        foreach (var keyword in SchemaArrays)
        {
            if (schema[keyword] is JsonArray items)
            {
                for (var i = 0; i < items.Count; i++)
                {
                    foreach (var inner in Subschemas(items[i], $"{rootPath}/{keyword}/{i}"))
                    {
                        yield return inner;
                    }
                }
            }
        }

        foreach (var keyword in SchemaMaps)
        {
            if (schema[keyword] is JsonObject map)
            {
                foreach (var (name, value) in map)
                {
                    foreach (var inner in Subschemas(value, $"{rootPath}/{keyword}/{Escape(name)}"))
                    {
                        yield return inner;
                    }
                }
            }
        }
    }

    /// <summary>A JSON Pointer reference token: <c>~</c> → <c>~0</c>, <c>/</c> → <c>~1</c>.</summary>
    public static string Escape(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
