using Connectors.Mcp.Connectors.Arguments;
using MimeKit;

namespace Connectors.Mcp.Google.Gmail.Mime;

/// <summary>
/// A recipient item must be exactly one bare address (<see cref="BareEmailAddress"/>, shared by every family); Gmail
/// also parses it with MimeKit's strict parser, which must read back the same single mailbox.
/// </summary>
internal static class RecipientAddress
{
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
        BareEmailAddress.Validate(field, index, value);
        if (!MailboxAddress.TryParse(StrictParser, value, out var mailbox)
            || !string.IsNullOrEmpty(mailbox.Name)
            || mailbox.Route.Count > 0
            || !(string.Equals(mailbox.Address, value, StringComparison.Ordinal)
                || string.Equals(mailbox.GetAddress(idnEncode: true), value, StringComparison.Ordinal)))
        {
            throw BareEmailAddress.Invalid($"{field}[{index}]", "is not a single plain address.");
        }

        return mailbox;
    }
}
