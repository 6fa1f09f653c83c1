using System.Net;
using System.Text.RegularExpressions;

namespace Connectors.Mcp.Google.Gmail.Mime;

/// <summary>A plain-text rendering of an HTML body, for messages that have no text/plain part.</summary>
internal static partial class HtmlText
{
    public static string ToPlainText(string html)
    {
        var text = DroppedBlocks().Replace(html, " ");
        text = LineBreaks().Replace(text, "\n");
        text = ListItems().Replace(text, "\n- ");
        text = Tags().Replace(text, string.Empty);
        text = WebUtility.HtmlDecode(text);
        text = SpaceRuns().Replace(text, " ");
        text = BlankLines().Replace(text, "\n\n");
        return string.Join('\n', text.Split('\n').Select(line => line.Trim())).Trim();
    }

    [GeneratedRegex(@"<(script|style|head|title)\b[^>]*>.*?</\1\s*>|<!--.*?-->", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex DroppedBlocks();

    [GeneratedRegex(@"<br\s*/?>|</(p|div|tr|h[1-6]|table|ul|ol|blockquote)\s*>", RegexOptions.IgnoreCase)]
    private static partial Regex LineBreaks();

    [GeneratedRegex(@"<li\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ListItems();

    [GeneratedRegex(@"<[^>]*>", RegexOptions.Singleline)]
    private static partial Regex Tags();

    [GeneratedRegex(@"[ \t\u00A0]+")]
    private static partial Regex SpaceRuns();

    [GeneratedRegex(@"\n\s*\n(\s*\n)+")]
    private static partial Regex BlankLines();
}
