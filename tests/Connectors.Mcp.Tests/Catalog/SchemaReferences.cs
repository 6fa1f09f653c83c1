using System.Text.Json;
using System.Text.Json.Nodes;

namespace Connectors.Mcp.Tests.Catalog;

/// <summary>
/// Checks that every <c>$ref</c> of a published schema resolves inside that schema document. Clients (Ajv, the SDKs)
/// get the schema alone: a reference to another document, or to a <c>$defs</c> entry that is not there, fails to compile.
/// </summary>
internal static class SchemaReferences
{
    /// <summary>One line per reference that does not resolve, or per construct that moves the base (<c>$id</c>) below the root.</summary>
    public static IReadOnlyList<string> Problems(JsonNode? root)
    {
        var problems = new List<string>();
        foreach (var (schema, path) in SchemaWalker.Subschemas(root))
        {
            if (path != "#" && schema["$id"] is not null)
            {
                problems.Add($"{path}/$id: a nested $id changes the base that $ref resolves against; keep published schemas one document with local $defs.");
            }

            foreach (var keyword in new[] { "$ref", "$dynamicRef" })
            {
                if (schema[keyword] is null)
                {
                    continue;
                }

                var reference = schema[keyword] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
                if (reference is null)
                {
                    problems.Add($"{path}/{keyword}: must be a string.");
                }
                else if (Resolve(root!, reference) is { } problem)
                {
                    problems.Add($"{path}/{keyword} \"{reference}\": {problem}");
                }
            }
        }

        return problems;
    }

    /// <summary><c>null</c> when <paramref name="reference"/> points into <paramref name="root"/>, else why not.</summary>
    private static string? Resolve(JsonNode root, string reference)
    {
        if (!reference.StartsWith('#'))
        {
            return "points outside the schema (only local references like \"#/$defs/name\" resolve on the client).";
        }

        var fragment = Uri.UnescapeDataString(reference[1..]);
        if (fragment.Length == 0)
        {
            return null;
        }

        if (!fragment.StartsWith('/'))
        {
            return "anchors (\"#name\") are not used in this project; point at \"#/$defs/name\" instead.";
        }

        JsonNode? current = root;
        foreach (var raw in fragment[1..].Split('/'))
        {
            var token = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            current = current switch
            {
                JsonObject obj when obj.ContainsKey(token) => obj[token],
                JsonArray array when int.TryParse(token, out var index) && index >= 0 && index < array.Count => array[index],
                _ => null,
            };
            if (current is null)
            {
                return $"nothing at '{token}' in this schema (does the $defs entry exist at the root of the published schema?).";
            }
        }

        return current is JsonObject || current.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? null : "does not point at a schema.";
    }
}
