namespace Connectors.Mcp.Tests.Commands;

/// <summary>What one in-process run of the real root command produced.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Stdout lines without the trailing empty one.</summary>
    public string[] StdoutLines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}--- stderr\n{Stderr}";
}
