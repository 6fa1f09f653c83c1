namespace Connectors.Mcp.Commands.Shared;

/// <summary>The process exit codes of <c>connectors-mcp</c>. Scripts rely on them.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The request was understood and refused: unknown workspace, plan limit, duplicate name, broken audit chain …</summary>
    public const int Refused = 1;

    /// <summary>The command line is wrong: unknown command or option, missing argument, a value outside the valid ones.</summary>
    public const int Usage = 2;

    /// <summary>A bug or an environment failure (EX_SOFTWARE).</summary>
    public const int Internal = 70;

    /// <summary>Interrupted by Ctrl+C / SIGTERM (128 + SIGINT).</summary>
    public const int Cancelled = 130;
}
