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
    private const int MaxLength = 254;
    private const string LocalSpecials = "!#$%&'*+-/=?^_`{|}~.";

    /// <summary>One bare address (JSON-escaped schema pattern); <see cref="Parse"/> checks the rest.</summary>
    public const string Pattern = """^[^\\s@,;<>\"()\\[\\]\\\\:]+@[^\\s@,;<>\"()\\[\\]\\\\:]+(?![\\s\\S])""";

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
            var address = Validate($"{field}[{i}]", items[i]);
            if (!addresses.Contains(address, StringComparer.OrdinalIgnoreCase))
            {
                addresses.Add(address);
            }
        }

        return addresses;
    }

    private static string Validate(string name, string value)
    {
        if (value.Length is 0 or > MaxLength || value.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))
            || value.IndexOfAny([',', ';', '<', '>', '"', '(', ')', ':', '[', ']', '\\']) >= 0 || value.Contains("=?", StringComparison.Ordinal))
        {
            throw Invalid(name);
        }

        var at = value.IndexOf('@');
        if (at <= 0 || at != value.LastIndexOf('@') || at == value.Length - 1)
        {
            throw Invalid(name);
        }

        var local = value[..at];
        var labels = value[(at + 1)..].Split('.');
        var localOk = local.Length <= 64 && !local.StartsWith('.') && !local.EndsWith('.') && !local.Contains("..", StringComparison.Ordinal)
            && local.All(c => char.IsAsciiLetterOrDigit(c) || LocalSpecials.Contains(c));
        var domainOk = labels.Length >= 2 && labels.All(label => label.Length is > 0 and <= 63
            && !label.StartsWith('-') && !label.EndsWith('-') && label.All(c => char.IsLetterOrDigit(c) || c == '-'));
        return localOk && domainOk ? value : throw Invalid(name);
    }

    private static ConnectorValidationException Invalid(string name) =>
        new(name, "must be exactly one bare email address like name@example.com (no display name, list, quoting or whitespace).");
}
