using System.Text.Json;
using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Pipeline.Validation;

namespace Connectors.Mcp.Tests.Catalog;

/// <summary>
/// Checks that an input schema bounds every container it admits: each array has <c>maxItems</c>, each object that takes
/// properties it does not name (a map) has <c>maxProperties</c>, both within <see cref="ArgumentLimits"/> (so the size
/// pre-check never refuses what the schema accepts), and no value position admits any JSON value at all (an untyped
/// property would take an unbounded array or object).
/// </summary>
internal static class SchemaBounds
{
    private static readonly string[] ArrayKeywords = ["items", "prefixItems", "contains", "minItems", "maxItems", "uniqueItems", "unevaluatedItems"];

    private static readonly string[] ObjectKeywords = ["properties", "additionalProperties", "patternProperties", "propertyNames", "maxProperties"];

    /// <summary>Keywords whose subschemas describe a value of the instance (a property's, an item's).</summary>
    private static readonly string[] ValueMaps = ["properties", "patternProperties", "prefixItems", "$defs"];

    private static readonly string[] ValueSchemas = ["items", "additionalProperties", "unevaluatedProperties"];

    /// <summary>One line per unbounded container, naming where it is and what to add.</summary>
    public static IReadOnlyList<string> Problems(JsonNode? root)
    {
        var problems = new List<string>();
        foreach (var (schema, path) in SchemaWalker.Subschemas(root))
        {
            var types = Types(schema);
            // Next to a "$ref" (e.g. "minItems": 1 on a shared $defs array), container keywords refine the referenced
            // schema, which is checked where it is defined.
            var inferred = types.Count == 0 && !schema.ContainsKey("$ref");
            if (types.Contains("array") || (inferred && ArrayKeywords.Any(schema.ContainsKey)))
            {
                CheckBound(schema, path, "maxItems", ArgumentLimits.MaxArrayItems, "an array without maxItems", problems);
                if (schema["items"] is null or JsonValue && schema["prefixItems"] is null)
                {
                    problems.Add($"{path}: its items may be any JSON value; give \"items\" a schema with a type.");
                }
            }

            if (types.Contains("object") || (inferred && ObjectKeywords.Any(schema.ContainsKey)))
            {
                var closed = schema["additionalProperties"]?.GetValueKind() == JsonValueKind.False && schema["patternProperties"] is null;
                if (!closed)
                {
                    CheckBound(schema, path, "maxProperties", ArgumentLimits.MaxObjectProperties, "an object that takes properties it does not name, without maxProperties", problems);
                }

                if (schema["additionalProperties"] is null or JsonValue && !closed && schema["patternProperties"] is null)
                {
                    problems.Add($"{path}: its other properties may hold any JSON value; set \"additionalProperties\" to false or to a schema with a type.");
                }
            }

            if (IsValuePosition(path) && types.Count == 0 && !schema.ContainsKey("enum") && !schema.ContainsKey("const") && !schema.ContainsKey("$ref"))
            {
                problems.Add($"{path}: admits any JSON value (an unbounded array or object); give it a \"type\", \"enum\", \"const\" or \"$ref\".");
            }
        }

        return problems;
    }

    private static void CheckBound(JsonObject schema, string path, string keyword, int limit, string what, List<string> problems)
    {
        if (schema[keyword] is not JsonValue value || !value.TryGetValue<int>(out var bound))
        {
            problems.Add($"{path}: {what}; add \"{keyword}\" (the provider's own limit, at most {limit}).");
        }
        else if (bound > limit)
        {
            problems.Add($"{path}: \"{keyword}\": {bound} is above ArgumentLimits' {limit}, which would refuse what the schema accepts.");
        }
    }

    private static HashSet<string> Types(JsonObject schema) => schema["type"] switch
    {
        JsonValue value when value.TryGetValue<string>(out var one) => [one],
        JsonArray many => many.Select(t => t is JsonValue v && v.TryGetValue<string>(out var s) ? s : "").ToHashSet(StringComparer.Ordinal),
        _ => [],
    };

    private static bool IsValuePosition(string path)
    {
        var segments = path.Split('/');
        return segments.Length == 1
            || ValueSchemas.Contains(segments[^1])
            || (segments.Length >= 3 && ValueMaps.Contains(segments[^2]));
    }
}
