using Connectors.Mcp.Core.Errors;

namespace Connectors.Mcp.Connectors.Arguments;

/// <summary>
/// Free-text arguments (titles, locations, descriptions), bounded. A single-line one refuses line breaks and control
/// characters: a line break in a title could make an approval summary show lines the person did not write.
/// </summary>
public static class FreeText
{
    /// <summary>The optional argument as one line of at most <paramref name="maxLength"/> characters; <c>null</c> when absent.</summary>
    public static string? SingleLine(ActionArguments arguments, string field, int maxLength, bool allowEmpty)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var value = arguments.OptionalString(field);
        if (value is null)
        {
            return null;
        }

        if (value.Length == 0 && !allowEmpty)
        {
            throw new ConnectorValidationException(field, "must not be empty.");
        }

        if (value.Length > maxLength)
        {
            throw new ConnectorValidationException(field, $"is longer than {maxLength} characters.");
        }

        return value.Any(char.IsControl)
            ? throw new ConnectorValidationException(field, "must be one line (no line break or control character).")
            : value;
    }

    /// <summary>The optional argument, line breaks allowed, of at most <paramref name="maxLength"/> characters.</summary>
    public static string? Multiline(ActionArguments arguments, string field, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var value = arguments.OptionalString(field);
        return value is not null && value.Length > maxLength
            ? throw new ConnectorValidationException(field, $"is longer than {maxLength} characters.")
            : value;
    }
}
