using System.Globalization;
using System.Text.Json;

namespace Connectors.Mcp.Core.Pipeline.Validation;

/// <summary>
/// Size limits on a tool call's arguments, checked before the schema (so a hostile argument costs little): the one
/// place these numbers live. The HTTP body limit (4 MiB) is <c>ServeHost.MaxRequestBodyBytes</c>; System.Text.Json
/// refuses JSON nested deeper than 64 while the request is read, before any of this runs.
/// </summary>
public static class ArgumentLimits
{
    /// <summary>Deepest nesting of objects and arrays inside <c>arguments</c> (the arguments object itself is depth 1).</summary>
    public const int MaxDepth = 16;

    /// <summary>Longest string value or property name, in UTF-16 code units (an email body fits; a 4 MiB request does not).</summary>
    public const int MaxStringLength = 1_000_000;

    /// <summary>The first limit <paramref name="arguments"/> exceeds, as a readable line naming the field; <c>null</c> when within.</summary>
    public static string? Check(JsonElement arguments) => Check(arguments, "", 1);

    private static string? Check(JsonElement element, string path, int depth)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object or JsonValueKind.Array when depth > MaxDepth:
                return $"{Name(path)}: nested deeper than {MaxDepth} levels";
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var child = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                    if (property.Name.Length > MaxStringLength)
                    {
                        return $"a property name is longer than {MaxStringLength.ToString(CultureInfo.InvariantCulture)} characters";
                    }

                    if (Check(property.Value, Shorten(child), depth + 1) is { } problem)
                    {
                        return problem;
                    }
                }

                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (Check(item, $"{path}[{index++}]", depth + 1) is { } problem)
                    {
                        return problem;
                    }
                }

                return null;
            case JsonValueKind.String when element.GetString()!.Length > MaxStringLength:
                return $"{Name(path)}: longer than {MaxStringLength.ToString(CultureInfo.InvariantCulture)} characters";
            default:
                return null;
        }
    }

    private static string Name(string path) => path.Length == 0 ? "arguments" : path;

    private static string Shorten(string path) => path.Length <= 200 ? path : path[..200] + "…";
}
