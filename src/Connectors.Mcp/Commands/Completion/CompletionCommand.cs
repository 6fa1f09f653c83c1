using System.CommandLine;
using Connectors.Mcp.Commands.Shared;

namespace Connectors.Mcp.Commands.Completion;

/// <summary>
/// <c>completion bash|zsh|pwsh</c>: prints the shell's tab-completion script (see <see cref="CompletionScripts"/>).
/// Completions themselves come from the command tree at each Tab, so they never go stale after an upgrade.
/// </summary>
internal sealed class CompletionCommand : Command
{
    private readonly Argument<string> _shell = new("SHELL") { Description = "bash, zsh or pwsh." };

    public CompletionCommand(CliContext context)
        : base("completion", "Print the tab-completion script for bash, zsh or PowerShell (source it from your shell profile).")
    {
        _shell.AcceptOnlyFromAmong([.. CompletionScripts.Shells]);
        Add(_shell);
        SetAction(parseResult =>
        {
            context.Console.Out.WriteLine(CompletionScripts.For(parseResult.GetRequiredValue(_shell)));
            return ExitCodes.Success;
        });
    }
}
