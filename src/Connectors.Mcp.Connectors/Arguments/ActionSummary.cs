using System.Text;
using Connectors.Mcp.Core.Pipeline.Approval;

namespace Connectors.Mcp.Connectors.Arguments;

/// <summary>Pieces of the readable summaries shown to the person approving a call.</summary>
public static class ActionSummary
{
    public const int BodyPreviewLines = 5;
    private const int MaxLineChars = 200;

    /// <summary>Addresses, comma separated, each with an internationalised domain followed by its ASCII form (<see cref="RecipientDomain.Annotate"/>).</summary>
    public static string Addresses(IEnumerable<string> addresses) => string.Join(", ", addresses.Select(RecipientDomain.Annotate));

    /// <summary>One line per internationalised recipient domain: what it really is, and which Latin domain it is not.</summary>
    public static void AppendDomainWarnings(StringBuilder summary, IEnumerable<string> addresses)
    {
        foreach (var warning in RecipientDomain.Warnings(addresses))
        {
            summary.AppendLine(warning);
        }
    }

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
