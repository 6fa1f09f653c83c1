using System.Text.Json;
using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Errors;

namespace Connectors.Mcp.Connectors.Arguments;

/// <summary>
/// Typed reads of an action's arguments. The pipeline has validated them against the input schema already; these
/// checks repeat the essentials so a connector called directly still fails with a field-named validation error.
/// </summary>
public sealed class ActionArguments(JsonObject arguments)
{
    /// <summary>Rejects any argument not in <paramref name="known"/> (the schemas say <c>additionalProperties: false</c>).</summary>
    public void RejectUnknown(params string[] known)
    {
        foreach (var (name, _) in arguments)
        {
            if (!known.Contains(name, StringComparer.Ordinal))
            {
                throw new ConnectorValidationException(name, "is not an argument of this action.");
            }
        }
    }

    /// <summary>Whether the argument is present (and not JSON null).</summary>
    public bool Has(string name) => arguments[name] is not null;

    public string RequiredString(string name) =>
        OptionalString(name) is { Length: > 0 } value ? value : throw new ConnectorValidationException(name, "is required.");

    public string? OptionalString(string name)
    {
        var node = arguments[name];
        if (node is null)
        {
            return null;
        }

        return node is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : throw new ConnectorValidationException(name, "must be a string.");
    }

    public int OptionalInt(string name, int defaultValue, int min, int max)
    {
        var node = arguments[name];
        if (node is null)
        {
            return defaultValue;
        }

        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.Number || !value.TryGetValue<int>(out var number))
        {
            throw new ConnectorValidationException(name, "must be an integer.");
        }

        return number < min || number > max
            ? throw new ConnectorValidationException(name, $"must be between {min} and {max}.")
            : number;
    }

    public bool? OptionalBool(string name)
    {
        var node = arguments[name];
        if (node is null)
        {
            return null;
        }

        return node is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False
            ? value.GetValue<bool>()
            : throw new ConnectorValidationException(name, "must be true or false.");
    }

    public JsonObject? OptionalObject(string name)
    {
        var node = arguments[name];
        return node is null or JsonObject ? (JsonObject?)node : throw new ConnectorValidationException(name, "must be an object.");
    }

    public IReadOnlyList<string> StringList(string name)
    {
        var node = arguments[name];
        if (node is null)
        {
            return [];
        }

        if (node is not JsonArray array)
        {
            throw new ConnectorValidationException(name, "must be an array of strings.");
        }

        var items = new List<string>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonValue item || !item.TryGetValue<string>(out var text))
            {
                throw new ConnectorValidationException($"{name}[{i}]", "must be a string.");
            }

            items.Add(text);
        }

        return items;
    }
}
