using System.Text.RegularExpressions;
using Connectors.Mcp.Tests.Catalog;

namespace Connectors.Mcp.Tests.Vocabulary;

/// <summary>
/// Finds, in C# sources, the spellings that belong in one place: a <c>connectors-mcp …</c> command in a string literal
/// (belongs in CliInstructions), and an error-code-looking literal passed to an audit completion or returned as a
/// connector error's code (belongs in AuditCodes). Comments are not looked at.
/// </summary>
internal static partial class VocabularyScan
{
    /// <summary>The literals in audit calls that are not codes: the decision of a row closed by approval expiry.</summary>
    private static readonly string[] NotCodes = ["expired"];

    public static IEnumerable<(string Path, string Text)> SourceFiles()
    {
        var src = Path.Combine(RepositoryPaths.Root, "src");
        return Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Select(RepositoryPaths.Relative)
            .Where(path => !path.Contains("/bin/", StringComparison.Ordinal) && !path.Contains("/obj/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(path => (path, File.ReadAllText(Path.Combine(RepositoryPaths.Root, path))));
    }

    /// <summary>Each literal that spells a command itself, as <c>path:line: text</c>.</summary>
    public static IEnumerable<string> Instructions(string path, string source)
    {
        var (_, literals) = CSharpLiterals.Scan(source);
        return literals.Where(l => InstructionPattern().IsMatch(l.Text)).Select(l => $"{path}:{Line(source, l.Start)}: \"{l.Text}\"");
    }

    /// <summary>Each code-looking literal inside an audit completion, an idempotency answer or a <c>Code =&gt;</c> override.</summary>
    public static IEnumerable<string> AuditCodeLiterals(string path, string source)
    {
        var (code, literals) = CSharpLiterals.Scan(source);
        foreach (Match call in AuditCallPattern().Matches(code))
        {
            var end = call.Value.EndsWith('(') ? ClosingParenthesis(code, call.Index + call.Length - 1) : code.IndexOf(';', call.Index);
            foreach (var literal in literals.Where(l => l.Start > call.Index && l.Start < end && !l.Interpolated))
            {
                if (CodeLikePattern().IsMatch(literal.Text) && !NotCodes.Contains(literal.Text))
                {
                    yield return $"{path}:{Line(source, literal.Start)}: \"{literal.Text}\"";
                }
            }
        }
    }

    public static bool IsCodeLike(string text) => CodeLikePattern().IsMatch(text);

    private static int ClosingParenthesis(string code, int open)
    {
        var depth = 0;
        for (var i = open; i < code.Length; i++)
        {
            depth += code[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (depth == 0)
            {
                return i;
            }
        }

        return code.Length;
    }

    private static int Line(string source, int offset) => source.AsSpan(0, offset).Count('\n') + 1;

    [GeneratedRegex(@"`connectors-mcp |\{CliNames\.Executable\} |connectors-mcp (?:workspace|apikey|admin|connector|oauth-client|policy|approvals|audit|serve)\b")]
    private static partial Regex InstructionPattern();

    [GeneratedRegex(@"new AuditCompletion\(|\bCompletion\(AuditStatus\.|\bRecordAsync\(catalog,|new IdempotencyAnswer\(|\boverride string Code\s*=>")]
    private static partial Regex AuditCallPattern();

    [GeneratedRegex("^[a-z]+(?:_[a-z]+)*$")]
    private static partial Regex CodeLikePattern();
}
