using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Connectors.Arguments;
using Connectors.Mcp.Google.Gmail.Mime;

namespace Connectors.Mcp.Google.Calendar.Parsing;

/// <summary>
/// Attendee lists: one bare address per item, by the same strict rules as Gmail recipients
/// (<see cref="RecipientAddress"/>: no display name, no second address, no CR/LF, no encoded word), duplicates dropped.
/// </summary>
internal static class AttendeeAddresses
{
    public const int MaxAttendees = 100;

    /// <summary>One bare address (JSON-escaped schema pattern); the connector checks the rest.</summary>
    public const string Pattern = BareEmailAddress.SchemaPattern;

    /// <summary>The addresses in order, each validated; throws naming <c>field[i]</c>.</summary>
    public static IReadOnlyList<string> Parse(ActionArguments arguments, string field, int maxItems = MaxAttendees)
    {
        var items = arguments.StringList(field);
        if (items.Count > maxItems)
        {
            throw new ConnectorValidationException(field, $"may list at most {maxItems} addresses.");
        }

        var addresses = new List<string>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var address = RecipientAddress.Parse(field, i, items[i]).Address;
            if (!addresses.Contains(address, StringComparer.OrdinalIgnoreCase))
            {
                addresses.Add(address);
            }
        }

        return addresses;
    }
}
