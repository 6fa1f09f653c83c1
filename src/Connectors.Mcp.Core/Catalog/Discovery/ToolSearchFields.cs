using System.Text.Json;

namespace Connectors.Mcp.Core.Catalog.Discovery;

/// <summary>
/// Reads a tool's searchable text field by field, and weighs the fields: what a tool is called (name, title) counts
/// more than what it says about itself, which counts more than its arguments.
/// </summary>
internal static class ToolSearchFields
{
    /// <summary>How deep in the input schema property names and descriptions are read.</summary>
    public const int MaxSchemaDepth = 6;

    public static readonly ToolSearchField[] All = Enum.GetValues<ToolSearchField>();

    public static double Weight(ToolSearchField field) => field switch
    {
        ToolSearchField.Name => 3.0,
        ToolSearchField.Title => 2.0,
        ToolSearchField.Description => 1.0,
        ToolSearchField.ArgumentNames => 0.5,
        ToolSearchField.ArgumentDescriptions => 0.3,
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };

    /// <summary>The field's terms (<see cref="SearchText.Terms"/>), in order, repeats kept.</summary>
    public static List<string> Terms(CatalogTool tool, ToolSearchField field)
    {
        switch (field)
        {
            case ToolSearchField.Name:
                return SearchText.Terms(tool.Name);
            case ToolSearchField.Title:
                return SearchText.Terms(tool.Title);
            case ToolSearchField.Description:
                return SearchText.Terms(tool.Description);
            case ToolSearchField.ArgumentNames:
            case ToolSearchField.ArgumentDescriptions:
                var names = new List<string>();
                var descriptions = new List<string>();
                ReadProperties(tool.InputSchema, names, descriptions, 0);
                return field == ToolSearchField.ArgumentNames ? names : descriptions;
            default:
                throw new ArgumentOutOfRangeException(nameof(field));
        }
    }

    /// <summary>Property names and descriptions under <c>properties</c>, through <c>items</c> and the combinators; no <c>$ref</c>.</summary>
    private static void ReadProperties(JsonElement schema, List<string> names, List<string> descriptions, int depth)
    {
        if (schema.ValueKind != JsonValueKind.Object || depth > MaxSchemaDepth)
        {
            return;
        }

        if (schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in properties.EnumerateObject())
            {
                names.AddRange(SearchText.Terms(property.Name));
                if (property.Value.ValueKind == JsonValueKind.Object
                    && property.Value.TryGetProperty("description", out var description)
                    && description.ValueKind == JsonValueKind.String)
                {
                    descriptions.AddRange(SearchText.Terms(description.GetString()!));
                }

                ReadProperties(property.Value, names, descriptions, depth + 1);
            }
        }

        if (schema.TryGetProperty("items", out var items))
        {
            ReadProperties(items, names, descriptions, depth + 1);
        }

        foreach (var combinator in (ReadOnlySpan<string>)["anyOf", "oneOf", "allOf"])
        {
            if (schema.TryGetProperty(combinator, out var branches) && branches.ValueKind == JsonValueKind.Array)
            {
                foreach (var branch in branches.EnumerateArray())
                {
                    ReadProperties(branch, names, descriptions, depth + 1);
                }
            }
        }
    }
}
