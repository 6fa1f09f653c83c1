using System.CommandLine;
using System.CommandLine.Invocation;
using Connectors.Mcp.Commands.Shared;

namespace Connectors.Mcp.Commands;

/// <summary>
/// The command line of <c>connectors-mcp</c>: parses, reports usage errors (exit 2), runs the command and turns any
/// exception into one stderr message and an exit code. Program.cs and the tests both enter here.
/// </summary>
internal static class CliApp
{
    /// <summary>Runs the real root command with these streams (standard input reads as empty).</summary>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default) =>
        RunAsync(args, new CliContext(new CliConsole(stdout, stderr, TextReader.Null)), cancellationToken);

    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken)
    {
        var stderr = context.Console.Error;
        var root = new ConnectorsMcpRootCommand(context);
        var parseResult = root.Parse(args);
        if (parseResult.Action is ParseErrorAction)
        {
            foreach (var error in parseResult.Errors)
            {
                // One line per error: the parser's "Must be one of:" lists come tab-indented on several lines.
                var message = string.Join(' ', error.Message.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                stderr.WriteLine($"error: {message}");
            }

            stderr.WriteLine($"See `{CommandPath(parseResult)} --help`.");
            return ExitCodes.Usage;
        }

        var invocation = new InvocationConfiguration
        {
            Output = context.Console.Out,
            Error = stderr,
            EnableDefaultExceptionHandler = false,

            // Program.cs turns Ctrl+C / SIGTERM into the cancellation token; the parser must not install its own handlers.
            ProcessTerminationTimeout = null,
        };

        try
        {
            return await parseResult.InvokeAsync(invocation, cancellationToken);
        }
        catch (Exception exception)
        {
            return CliErrorReporter.Report(exception, stderr, cancellationToken);
        }
    }

    private static string CommandPath(ParseResult parseResult)
    {
        var names = new List<string>();
        for (var result = parseResult.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Add(result.Command is RootCommand ? CliNames.Executable : result.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }
}
