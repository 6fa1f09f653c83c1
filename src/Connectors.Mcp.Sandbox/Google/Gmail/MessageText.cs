using System.Net;
using System.Text.RegularExpressions;
using MimeKit;

namespace Connectors.Mcp.Sandbox.Google.Gmail;

/// <summary>Plain text of a message for search and Gmail-style snippets.</summary>
internal static partial class MessageText
{
    public static string Of(MimeMessage message)
    {
        if (message.TextBody is { } text)
        {
            return text;
        }

        return message.HtmlBody is { } html ? WebUtility.HtmlDecode(Tags().Replace(html, " ")) : string.Empty;
    }

    /// <summary>Like Gmail's: the first ~200 characters of the text, whitespace collapsed, HTML-escaped.</summary>
    public static string Snippet(MimeMessage message)
    {
        var text = Spaces().Replace(Of(message), " ").Trim();
        return WebUtility.HtmlEncode(text.Length > 200 ? text[..200] : text);
    }

    [GeneratedRegex(@"<(script|style)\b.*?</\1\s*>|<[^>]*>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
