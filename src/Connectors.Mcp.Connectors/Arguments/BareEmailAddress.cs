using Connectors.Mcp.Core.Errors;

namespace Connectors.Mcp.Connectors.Arguments;

/// <summary>
/// A recipient item must be exactly one bare address, <c>local@domain</c>: no display name, no second address, no
/// list separator, no group syntax, no quoting, no encoded word, no whitespace or line break. Anything else could
/// smuggle recipients or headers past the person approving the send, so it is a validation error naming the item.
/// Shared by every family's outgoing mail (Gmail adds a MIME parser's check on top).
/// </summary>
public static class BareEmailAddress
{
    /// <summary>
    /// The schema pattern of one item (JSON-escaped for a schema string): no whitespace, list separators, brackets,
    /// quotes or groups. Ends with <c>(?![\s\S])</c> rather than <c>$</c>, which in .NET also matches before a final newline.
    /// </summary>
    public const string SchemaPattern = """^[^\\s@,;<>\"()\\[\\]\\\\:]+@[^\\s@,;<>\"()\\[\\]\\\\:]+(?![\\s\\S])""";

    public const int MaxLength = 254;
    private const int MaxLocalLength = 64;
    private const string LocalSpecials = "!#$%&'*+-/=?^_`{|}~.";

    /// <summary>Returns <paramref name="value"/> when it is one bare address, or throws naming <c>field[index]</c>.</summary>
    public static string Validate(string field, int index, string value)
    {
        var name = $"{field}[{index}]";
        if (string.IsNullOrEmpty(value))
        {
            throw Invalid(name, "is empty.");
        }

        if (value.Length > MaxLength)
        {
            throw Invalid(name, $"is longer than {MaxLength} characters.");
        }

        if (value.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            throw Invalid(name, "contains whitespace, a line break or a control character.");
        }

        if (value.Contains("=?", StringComparison.Ordinal))
        {
            throw Invalid(name, "contains an RFC 2047 encoded word.");
        }

        if (value.IndexOfAny([',', ';', '<', '>', '"', '(', ')', ':', '[', ']', '\\']) >= 0)
        {
            throw Invalid(name, "contains a display name, a list, a group or quoting.");
        }

        var at = value.IndexOf('@');
        if (at <= 0 || at != value.LastIndexOf('@') || at == value.Length - 1)
        {
            throw Invalid(name, "must contain exactly one '@' between a local part and a domain.");
        }

        if (!IsValidLocalPart(value[..at]))
        {
            throw Invalid(name, "has an invalid local part.");
        }

        if (!IsValidDomain(value[(at + 1)..]))
        {
            throw Invalid(name, "has an invalid domain.");
        }

        return value;
    }

    /// <summary>The refusal for item <paramref name="name"/> (e.g. <c>to[0]</c>).</summary>
    public static ConnectorValidationException Invalid(string name, string problem) =>
        new(name, $"must be exactly one bare email address like name@example.com; it {problem}");

    private static bool IsValidLocalPart(string local) =>
        local.Length <= MaxLocalLength
        && !local.StartsWith('.') && !local.EndsWith('.') && !local.Contains("..", StringComparison.Ordinal)
        && local.All(c => char.IsAsciiLetterOrDigit(c) || LocalSpecials.Contains(c));

    private static bool IsValidDomain(string domain)
    {
        var labels = domain.Split('.');
        return labels.Length >= 2 && labels.All(label =>
            label.Length is > 0 and <= 63
            && !label.StartsWith('-') && !label.EndsWith('-')
            && label.All(c => char.IsLetterOrDigit(c) || c == '-'));
    }
}
