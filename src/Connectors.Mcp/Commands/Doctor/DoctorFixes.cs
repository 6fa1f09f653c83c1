using Connectors.Mcp.Core.Instructions;

namespace Connectors.Mcp.Commands.Doctor;

/// <summary>
/// Makes a fix that is a <c>connectors-mcp</c> command run against the home doctor looked at: the <c>--home DIR</c> it
/// was given and <c>--sandbox</c> are added inside the backticks, so the line is ready to paste (without them the
/// command would act on the default home).
/// </summary>
internal static class DoctorFixes
{
    private static readonly string CommandStart = $"`{CliInstructions.Executable} ";

    /// <param name="databaseOption">
    /// Whether <c>--database</c> was given: the fix then says <c>--database URL</c>, a placeholder, because the value may
    /// hold a password and doctor never prints it (a database from <c>$CONNECTORS_MCP_DATABASE_URL</c> needs nothing).
    /// </param>
    public static DoctorFinding ForHome(DoctorFinding finding, string? homeOption, bool sandbox, bool databaseOption = false)
    {
        if (finding.Fix is not { } fix || !fix.StartsWith(CommandStart, StringComparison.Ordinal) || !fix.EndsWith('`'))
        {
            return finding;
        }

        var hasSandbox = fix.Contains(" --sandbox", StringComparison.Ordinal);
        var flags = (homeOption is null ? "" : $" --home {Quoted(homeOption)}") + (sandbox && !hasSandbox ? " --sandbox" : "")
            + (databaseOption ? " --database URL" : "");
        return flags.Length == 0 ? finding : finding with { Fix = string.Concat(fix.AsSpan(0, fix.Length - 1), flags, "`") };
    }

    /// <summary>A path as a POSIX shell reads it: as is when plain, else in single quotes.</summary>
    private static string Quoted(string path) =>
        path.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '_' or '-' or '~' or ':' or '\\')
            ? path
            : "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
