using Connectors.Mcp.Connectors.Arguments;
using Connectors.Mcp.Core.Errors;

namespace Connectors.Mcp.Microsoft.Calendar.Parsing;

/// <summary>
/// Attendee lists: one bare address per item (<c>name@example.com</c>: no display name, no second address, no list
/// separator, no quoting, no whitespace or line break), duplicates dropped. Anything else could add guests the person
/// approving does not see, so it is a validation error naming the item.
/// </summary>
internal static class AttendeeAddresses
{
    public const int MaxAttendees = 100;

    /// <summary>One bare address (JSON-escaped schema pattern); <see cref="Parse"/> checks the rest.</summary>
    public const string Pattern = BareEmailAddress.SchemaPattern;

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
            var address = BareEmailAddress.Validate(field, i, items[i]);
            if (!addresses.Contains(address, StringComparer.OrdinalIgnoreCase))
            {
                addresses.Add(address);
            }
        }

        return addresses;
    }
}
