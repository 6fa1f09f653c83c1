using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Connectors.Arguments;
using MimeKit;

namespace Connectors.Mcp.Google.Gmail.Mime;

/// <summary>The validated arguments of <c>send_email</c> / <c>create_draft</c>.</summary>
internal sealed record OutgoingEmail(
    IReadOnlyList<MailboxAddress> To,
    IReadOnlyList<MailboxAddress> Cc,
    IReadOnlyList<MailboxAddress> Bcc,
    string Subject,
    string Body,
    string? HtmlBody,
    string? ReplyToMessageId)
{
    public const int MaxRecipientsPerField = 100;

    public static readonly string[] ArgumentNames = ["to", "cc", "bcc", "subject", "body", "html_body", "reply_to_message_id"];

    /// <summary>Validates everything before any request is made; throws <see cref="ConnectorValidationException"/> naming the field.</summary>
    public static OutgoingEmail FromArguments(ActionArguments arguments)
    {
        arguments.RejectUnknown(ArgumentNames);
        var to = Recipients(arguments, "to");
        if (to.Count == 0)
        {
            throw new ConnectorValidationException("to", "needs at least one address.");
        }

        var replyTo = arguments.OptionalString("reply_to_message_id");
        if (replyTo is not null)
        {
            GmailIds.Validate("reply_to_message_id", replyTo);
        }

        return new OutgoingEmail(
            to,
            Recipients(arguments, "cc"),
            Recipients(arguments, "bcc"),
            EmailSubject.Validate("subject", arguments.OptionalString("subject") ?? throw new ConnectorValidationException("subject", "is required.")),
            arguments.OptionalString("body") ?? throw new ConnectorValidationException("body", "is required."),
            arguments.OptionalString("html_body"),
            replyTo);
    }

    private static List<MailboxAddress> Recipients(ActionArguments arguments, string field)
    {
        var items = arguments.StringList(field);
        if (items.Count > MaxRecipientsPerField)
        {
            throw new ConnectorValidationException(field, $"may list at most {MaxRecipientsPerField} addresses.");
        }

        return items.Select((value, index) => RecipientAddress.Parse(field, index, value)).ToList();
    }
}
