using System.Text;

namespace Connectors.Mcp.Tests.Catalog;

/// <summary>
/// Committed files that must equal what a test generates (tool snapshots, docs/tools.md). With
/// <c>UPDATE_TOOLSNAPS=1</c> a differing file is rewritten, and the test still fails so an update is never silent.
/// </summary>
internal static class GoldenFiles
{
    public const string UpdateVariable = "UPDATE_TOOLSNAPS";

    public const string UpdateCommand =
        "UPDATE_TOOLSNAPS=1 dotnet test tests/Connectors.Mcp.Tests/Connectors.Mcp.Tests.csproj --filter \"FullyQualifiedName~Catalog\"";

    public static bool Updating => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    /// <summary>The committed text, line endings normalised to LF; <c>null</c> when the file does not exist.</summary>
    public static string? Read(string path) => File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : null;

    public static void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    /// <summary>The closing line of a failure: how to accept the change, or that it was just accepted.</summary>
    public static string Advice => Updating
        ? $"{UpdateVariable}=1 was set, so the files were rewritten: review the diff (git diff), commit it, and run the tests again without {UpdateVariable}."
        : $"If the change is intended, rewrite the files with `{UpdateCommand}`, review the diff and commit it.";

    /// <summary>The differing lines (common start and end left out, a little context kept), as <c>-</c> committed / <c>+</c> generated.</summary>
    public static string FirstDifference(string committed, string generated)
    {
        const int MaxLines = 8;
        var expected = committed.Split('\n');
        var actual = generated.Split('\n');
        var first = 0;
        while (first < expected.Length && first < actual.Length && expected[first] == actual[first])
        {
            first++;
        }

        var same = 0;
        while (same < expected.Length - first && same < actual.Length - first
            && expected[expected.Length - 1 - same] == actual[actual.Length - 1 - same])
        {
            same++;
        }

        var builder = new StringBuilder();
        builder.Append("first difference at line ").Append(first + 1).Append(" (committed ").Append(expected.Length)
            .Append(" lines, generated ").Append(actual.Length).AppendLine(" lines):");
        for (var i = Math.Max(0, first - 2); i < first; i++)
        {
            builder.Append("    ").AppendLine(expected[i]);
        }

        AppendLines(builder, "  - ", expected[first..(expected.Length - same)], MaxLines);
        AppendLines(builder, "  + ", actual[first..(actual.Length - same)], MaxLines);
        return builder.ToString().TrimEnd();
    }

    private static void AppendLines(StringBuilder builder, string prefix, string[] lines, int max)
    {
        foreach (var line in lines.Take(max))
        {
            builder.Append(prefix).AppendLine(line);
        }

        if (lines.Length > max)
        {
            builder.Append(prefix).Append("… ").Append(lines.Length - max).AppendLine(" more line(s)");
        }
    }
}
