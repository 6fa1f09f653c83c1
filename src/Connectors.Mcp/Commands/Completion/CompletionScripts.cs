using Connectors.Mcp.Core.Instructions;

namespace Connectors.Mcp.Commands.Completion;

/// <summary>
/// The shell scripts <c>completion SHELL</c> prints. Each hands the line up to the cursor (without the program's own
/// name, so it works whatever the root command is called) to System.CommandLine's <c>[suggest:N]</c> directive, which
/// answers from the command tree — subcommands, options, and the values an option or argument accepts — one per line.
/// The same directive <c>dotnet-suggest</c> calls, without needing that tool.
/// </summary>
internal static class CompletionScripts
{
    public static readonly IReadOnlyList<string> Shells = ["bash", "zsh", "pwsh"];

    private const string Program = CliInstructions.Executable;

    private const string Bash = """
        # Tab completion for PROGRAM in bash. Load it from ~/.bashrc:
        #   source <(PROGRAM completion bash)
        _connectors_mcp_complete() {
            local program="${COMP_WORDS[0]}"
            local line="${COMP_LINE:0:COMP_POINT}"
            line="${line#"$program"}"
            local IFS=$'\n'
            COMPREPLY=($(compgen -W "$("$program" "[suggest:${#line}]" "$line" 2>/dev/null)" -- "${COMP_WORDS[COMP_CWORD]}"))
        }
        complete -o default -F _connectors_mcp_complete PROGRAM
        """;

    private const string Zsh = """
        #compdef PROGRAM
        # Tab completion for PROGRAM in zsh. Load it from ~/.zshrc, after compinit:
        #   source <(PROGRAM completion zsh)
        _connectors_mcp_complete() {
            local program="${words[1]}"
            local line="${(j: :)words[1,CURRENT]}"
            line="${line#"$program"}"
            local out
            out="$("$program" "[suggest:${#line}]" "$line" 2>/dev/null)"
            [[ -n "$out" ]] && compadd -- "${(@f)out}"
        }
        compdef _connectors_mcp_complete PROGRAM
        """;

    private const string PowerShell = """
        # Tab completion for PROGRAM in PowerShell. Load it from $PROFILE:
        #   PROGRAM completion pwsh | Out-String | Invoke-Expression
        Register-ArgumentCompleter -Native -CommandName 'PROGRAM', 'PROGRAM.exe' -ScriptBlock {
            param($wordToComplete, $commandAst, $cursorPosition)
            $program = $commandAst.CommandElements[0].ToString()
            $line = $commandAst.ToString()
            $line = $line.Substring(0, [Math]::Min($line.Length, $cursorPosition - $commandAst.Extent.StartOffset))
            $line = $line.Substring([Math]::Min($line.Length, $program.Length))
            & $program "[suggest:$($line.Length)]" "$line" 2>$null |
                Where-Object { $_ -like "$wordToComplete*" } |
                ForEach-Object { [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_) }
        }
        """;

    /// <summary>The script for <paramref name="shell"/> (one of <see cref="Shells"/>).</summary>
    public static string For(string shell) => (shell switch
    {
        "bash" => Bash,
        "zsh" => Zsh,
        "pwsh" => PowerShell,
        _ => throw new ArgumentOutOfRangeException(nameof(shell), shell, "Not a supported shell."),
    }).Replace("PROGRAM", Program, StringComparison.Ordinal);
}
