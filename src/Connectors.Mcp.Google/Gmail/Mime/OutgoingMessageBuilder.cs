using MimeKit;
using MimeKit.Utils;

namespace Connectors.Mcp.Google.Gmail.Mime;

/// <summary>
/// Builds the RFC 822 message with MimeKit only (never by concatenating header text), with our own Message-ID so a
/// later send can be found again (<c>rfc822msgid:</c>) and de-duplicated.
/// </summary>
internal static class OutgoingMessageBuilder
{
    /// <summary>The right-hand side of the Message-IDs this product generates.</summary>
    public const string MessageIdDomain = "connectors-mcp.local";

    private static readonly FormatOptions WireFormat = CreateWireFormat();

    /// <summary>A new Message-ID, without angle brackets (MimeKit's form).</summary>
    public static string NewMessageId() => MimeUtils.GenerateMessageId(MessageIdDomain);

    public static MimeMessage Build(OutgoingEmail email, ReplyContext? reply, DateTimeOffset now, string messageId)
    {
        var message = new MimeMessage { Date = now, MessageId = messageId };
        message.To.AddRange(email.To);
        message.Cc.AddRange(email.Cc);
        message.Bcc.AddRange(email.Bcc);
        LiteralSubject.Set(message, reply is null ? email.Subject : EmailSubject.ForReply(email.Subject));

        if (reply?.MessageIdHeader is { } original && MimeUtils.ParseMessageId(original) is { Length: > 0 } originalId)
        {
            message.InReplyTo = originalId;
            if (reply.References is { } references)
            {
                foreach (var reference in MimeUtils.EnumerateReferences(references))
                {
                    message.References.Add(reference);
                }
            }

            if (!message.References.Contains(originalId))
            {
                message.References.Add(originalId);
            }
        }

        var body = new BodyBuilder { TextBody = email.Body };
        if (email.HtmlBody is not null)
        {
            body.HtmlBody = email.HtmlBody;
        }

        message.Body = body.ToMessageBody();
        return message;
    }

    /// <summary>The message as Gmail's <c>raw</c> field: base64url of the CRLF-terminated RFC 822 bytes.</summary>
    public static string ToRaw(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(WireFormat, stream);
        return Base64Url.Encode(stream.ToArray());
    }

    private static FormatOptions CreateWireFormat()
    {
        var options = FormatOptions.Default.Clone();
        options.NewLineFormat = NewLineFormat.Dos;
        return options;
    }
}
