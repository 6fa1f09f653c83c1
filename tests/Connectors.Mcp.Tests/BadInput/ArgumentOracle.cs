using System.Text.Json;
using Connectors.Mcp.Core.Pipeline.Validation;

namespace Connectors.Mcp.Tests.BadInput;

/// <summary>What the recorder's schemas say about generated arguments, computed independently of the validator.</summary>
public static class ArgumentOracle
{
    public static ArgumentExpectation Judge(string tool, JsonElement arguments)
    {
        if (arguments.ValueKind != JsonValueKind.Object || ExceedsLimits(arguments, 1))
        {
            return ArgumentExpectation.Invalid;
        }

        var properties = arguments.EnumerateObject().ToList();
        switch (tool)
        {
            case "list_connectors":
                return properties.Count == 0 ? ArgumentExpectation.Valid : ArgumentExpectation.Invalid;
            case "rec_read":
                if (properties.Any(p => p.Name != "query"))
                {
                    return ArgumentExpectation.Invalid;
                }

                if (!arguments.TryGetProperty("query", out var query))
                {
                    return ArgumentExpectation.Valid;
                }

                if (query.ValueKind != JsonValueKind.String)
                {
                    return ArgumentExpectation.Invalid;
                }

                // UTF-16 length >= code points >= graphemes, so within 50 units is valid however the schema counts.
                var text = query.GetString()!;
                return text.Length <= 50 ? ArgumentExpectation.Valid
                    : text.All(char.IsAscii) ? ArgumentExpectation.Invalid
                    : ArgumentExpectation.Either;
            case "rec_send":
                if (properties.Any(p => p.Name is not ("to" or "body"))
                    || !arguments.TryGetProperty("to", out var to) || to.ValueKind != JsonValueKind.String
                    || !arguments.TryGetProperty("body", out var body) || body.ValueKind != JsonValueKind.String)
                {
                    return ArgumentExpectation.Invalid;
                }

                return to.GetString()!.Contains(',', StringComparison.Ordinal) ? ArgumentExpectation.Invalid : ArgumentExpectation.Valid;
            default:
                return ArgumentExpectation.Either;
        }
    }

    private static bool ExceedsLimits(JsonElement element, int depth)
    {
        var values = 0;
        return ExceedsLimits(element, depth, ref values) || values > ArgumentLimits.MaxValues;
    }

    private static bool ExceedsLimits(JsonElement element, int depth, ref int values)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var properties = element.EnumerateObject().ToList();
                values += properties.Count;
                if (depth > ArgumentLimits.MaxDepth || properties.Count > ArgumentLimits.MaxObjectProperties)
                {
                    return true;
                }

                foreach (var property in properties)
                {
                    if (property.Name.Length > ArgumentLimits.MaxStringLength || ExceedsLimits(property.Value, depth + 1, ref values))
                    {
                        return true;
                    }
                }

                return false;
            case JsonValueKind.Array:
                var items = element.EnumerateArray().ToList();
                values += items.Count;
                if (depth > ArgumentLimits.MaxDepth || items.Count > ArgumentLimits.MaxArrayItems)
                {
                    return true;
                }

                foreach (var item in items)
                {
                    if (ExceedsLimits(item, depth + 1, ref values))
                    {
                        return true;
                    }
                }

                return false;
            case JsonValueKind.String:
                return element.GetString()!.Length > ArgumentLimits.MaxStringLength;
            default:
                return false;
        }
    }
}
