using System.Globalization;
using System.Text;
using Connectors.Mcp.Google.Gmail.Models;
using MimeKit;
using MimeKit.Utils;

namespace Connectors.Mcp.Google.Gmail.Mime;

/// <summary>Reads what the actions show from Gmail's JSON form of a message: headers, date, text body, attachments.</summary>
internal static class IncomingMessage
{
    /// <summary>Bodies longer than this are cut (the result says so): a tool result is read by a model.</summary>
    public const int MaxBodyChars = 100_000;

    public static string? Header(GmailMessagePart? part, string name) =>
        part?.Headers?.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase))?.Value;

    /// <summary>The Date header as ISO 8601 (with its offset), else Gmail's internal date in UTC, else null.</summary>
    public static string? Date(GmailMessage message)
    {
        if (Header(message.Payload, "Date") is { } header && DateUtils.TryParse(header, out var date))
        {
            return date.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        }

        return long.TryParse(message.InternalDate, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : null;
    }

    /// <summary>The decoded text/plain body, or a text rendering of the text/html body; null when there is neither.</summary>
    public static (string? Text, bool Truncated) BodyText(GmailMessagePart? payload)
    {
        var parts = Flatten(payload).Where(p => !IsAttachment(p)).ToList();
        string? text = null;
        if (parts.FirstOrDefault(p => IsType(p, "text/plain")) is { } plain)
        {
            text = Decode(plain);
        }
        else if (parts.FirstOrDefault(p => IsType(p, "text/html")) is { } html && Decode(html) is { } markup)
        {
            text = HtmlText.ToPlainText(markup);
        }

        return text is { Length: > MaxBodyChars } ? (text[..MaxBodyChars], true) : (text, false);
    }

    public static IEnumerable<GmailMessagePart> Attachments(GmailMessagePart? payload) => Flatten(payload).Where(IsAttachment);

    private static bool IsAttachment(GmailMessagePart part) => !string.IsNullOrEmpty(part.Filename);

    private static bool IsType(GmailMessagePart part, string mimeType) => string.Equals(part.MimeType, mimeType, StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<GmailMessagePart> Flatten(GmailMessagePart? part)
    {
        if (part is null)
        {
            yield break;
        }

        yield return part;
        foreach (var child in part.Parts ?? [])
        {
            foreach (var descendant in Flatten(child))
            {
                yield return descendant;
            }
        }
    }

    private static string? Decode(GmailMessagePart part)
    {
        if (string.IsNullOrEmpty(part.Body?.Data))
        {
            return null;
        }

        byte[] bytes;
        try
        {
            bytes = Base64Url.Decode(part.Body.Data);
        }
        catch (FormatException)
        {
            return null;
        }

        var encoding = Encoding.UTF8;
        if (Header(part, "Content-Type") is { } contentType && ContentType.TryParse(contentType, out var parsed) && parsed.CharsetEncoding is { } charset)
        {
            encoding = charset;
        }

        return encoding.GetString(bytes);
    }
}
