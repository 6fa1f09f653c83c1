using System.Text;

namespace Connectors.Mcp.Google.Arguments;

/// <summary>Pieces of the readable summaries shown to the person approving a call.</summary>
internal static class ActionSummary
{
    public const int BodyPreviewLines = 5;
    private const int MaxLineChars = 200;

    /// <summary>The first <see cref="BodyPreviewLines"/> lines of <paramref name="body"/>, indented, with a note of what was left out.</summary>
    public static void AppendBodyPreview(StringBuilder summary, string body)
    {
        var lines = body.ReplaceLineEndings("\n").Split('\n');
        foreach (var line in lines.Take(BodyPreviewLines))
        {
            summary.Append("  ").AppendLine(line.Length > MaxLineChars ? line[..MaxLineChars] + "…" : line);
        }

        if (lines.Length > BodyPreviewLines)
        {
            summary.Append("  … (").Append(lines.Length - BodyPreviewLines).AppendLine(" more lines)");
        }
    }
}
