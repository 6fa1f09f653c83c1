using Connectors.Mcp.Core.Errors;
using MimeKit;

namespace Connectors.Mcp.Google.Gmail.Mime;

/// <summary>
/// A recipient item must be exactly one bare address, <c>local@domain</c>: no display name, no second address, no
/// list separator, no group syntax, no quoting, no encoded word, no whitespace or line break. Anything else could
/// smuggle recipients or headers past the person approving the send, so it is a validation error naming the item.
/// </summary>
internal static class RecipientAddress
{
    private const int MaxLength = 254;
    private const int MaxLocalLength = 64;
    private const string LocalSpecials = "!#$%&'*+-/=?^_`{|}~.";

    private static readonly ParserOptions StrictParser = new()
    {
        AddressParserComplianceMode = RfcComplianceMode.Strict,
        AllowAddressesWithoutDomain = false,
        AllowUnquotedCommasInAddresses = false,
        MaxAddressGroupDepth = 0,
    };

    /// <summary>Returns the address as a <see cref="MailboxAddress"/> or throws naming <c>field[index]</c>.</summary>
    public static MailboxAddress Parse(string field, int index, string value)
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

        var local = value[..at];
        var domain = value[(at + 1)..];
        if (!IsValidLocalPart(local))
        {
            throw Invalid(name, "has an invalid local part.");
        }

        if (!IsValidDomain(domain))
        {
            throw Invalid(name, "has an invalid domain.");
        }

        if (!MailboxAddress.TryParse(StrictParser, value, out var mailbox)
            || !string.IsNullOrEmpty(mailbox.Name)
            || mailbox.Route.Count > 0
            || !(string.Equals(mailbox.Address, value, StringComparison.Ordinal)
                || string.Equals(mailbox.GetAddress(idnEncode: true), value, StringComparison.Ordinal)))
        {
            throw Invalid(name, "is not a single plain address.");
        }

        return mailbox;
    }

    private static ConnectorValidationException Invalid(string name, string problem) =>
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
