using Connectors.Mcp.Connectors.Arguments;
using Connectors.Mcp.Core.Errors;

namespace Connectors.Mcp.Microsoft.Calendar.Parsing;

/// <summary>
/// The free-text arguments of an event. Title and location are single lines: a line break there could make the
/// approval summary show lines the person did not write (a fake "Invitations: none"), so it is refused.
/// </summary>
internal static class EventText
{
    public const int MaxTitleLength = 255;
    public const int MaxLocationLength = 1024;
    public const int MaxDescriptionLength = 8000;

    public static string? SingleLine(ActionArguments arguments, string field, int maxLength, bool allowEmpty)
    {
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

    public static string? Multiline(ActionArguments arguments, string field, int maxLength)
    {
        var value = arguments.OptionalString(field);
        return value is not null && value.Length > maxLength
            ? throw new ConnectorValidationException(field, $"is longer than {maxLength} characters.")
            : value;
    }
}
