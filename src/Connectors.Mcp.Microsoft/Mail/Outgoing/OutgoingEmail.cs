using Connectors.Mcp.Connectors.Arguments;
using Connectors.Mcp.Core.Errors;
using Microsoft.Graph.Models;

namespace Connectors.Mcp.Microsoft.Mail.Outgoing;

/// <summary>The validated arguments of <c>send_email</c> / <c>create_draft</c>, and the Graph draft they become.</summary>
internal sealed record OutgoingEmail(
    IReadOnlyList<string> To,
    IReadOnlyList<string> Cc,
    IReadOnlyList<string> Bcc,
    string Subject,
    string Body,
    string? HtmlBody)
{
    /// <summary>
    /// Per field. Exchange Online accepts at most 500 recipients per message (Exchange Online limits, "Recipient
    /// limits"); three fields of 100 stay under it and match Gmail's per-field limit.
    /// </summary>
    public const int MaxRecipientsPerField = 100;

    /// <summary>Longest subject (one line), as Gmail's.</summary>
    public const int MaxSubjectLength = 998;

    /// <summary>
    /// Longest body and HTML body, in characters: both together stay under Graph's 4 MB limit on a request body
    /// (Microsoft Graph throttling and service limits: "the maximum request size is 4 MB").
    /// </summary>
    public const int MaxBodyLength = 500_000;

    public static readonly string[] ArgumentNames = ["to", "cc", "bcc", "subject", "body", "html_body"];

    /// <summary>Validates everything before any request is made; throws <see cref="ConnectorValidationException"/> naming the field.</summary>
    public static OutgoingEmail FromArguments(ActionArguments arguments)
    {
        arguments.RejectUnknown(ArgumentNames);
        var to = Recipients(arguments, "to");
        if (to.Count == 0)
        {
            throw new ConnectorValidationException("to", "needs at least one address.");
        }

        return new OutgoingEmail(
            to,
            Recipients(arguments, "cc"),
            Recipients(arguments, "bcc"),
            OneLineSubject(arguments.OptionalString("subject") ?? throw new ConnectorValidationException("subject", "is required.")),
            BodyText("body", arguments.OptionalString("body") ?? throw new ConnectorValidationException("body", "is required.")),
            arguments.OptionalString("html_body") is { } html ? BodyText("html_body", html) : null);
    }

    /// <summary>
    /// The Graph draft: one body (HTML when <see cref="HtmlBody"/> is given — Graph keeps a single body and derives the
    /// text form itself — else text) and the <c>internetMessageId</c> that lets an ambiguous send be found again.
    /// </summary>
    public Message ToDraft(string? internetMessageId) => new()
    {
        Subject = Subject,
        Body = HtmlBody is { } html
            ? new ItemBody { ContentType = BodyType.Html, Content = html }
            : new ItemBody { ContentType = BodyType.Text, Content = Body },
        ToRecipients = Graph(To),
        CcRecipients = Graph(Cc),
        BccRecipients = Graph(Bcc),
        InternetMessageId = internetMessageId,
    };

    /// <summary>A body argument within <see cref="MaxBodyLength"/> (shared with reply).</summary>
    public static string BodyText(string field, string value) =>
        value.Length <= MaxBodyLength ? value : throw new ConnectorValidationException(field, $"must be at most {MaxBodyLength} characters.");

    private static List<Recipient> Graph(IReadOnlyList<string> addresses) =>
        addresses.Select(a => new Recipient { EmailAddress = new EmailAddress { Address = a } }).ToList();

    private static string OneLineSubject(string value)
    {
        if (value.Any(c => c is '\r' or '\n' || (char.IsControl(c) && c != '\t')))
        {
            throw new ConnectorValidationException("subject", "must be a single line: line breaks and control characters are not allowed.");
        }

        return value.Length <= MaxSubjectLength ? value : throw new ConnectorValidationException("subject", $"must be at most {MaxSubjectLength} characters.");
    }

    private static List<string> Recipients(ActionArguments arguments, string field)
    {
        var items = arguments.StringList(field);
        if (items.Count > MaxRecipientsPerField)
        {
            throw new ConnectorValidationException(field, $"may list at most {MaxRecipientsPerField} addresses.");
        }

        return items.Select((value, index) => BareEmailAddress.Validate(field, index, value)).ToList();
    }
}
