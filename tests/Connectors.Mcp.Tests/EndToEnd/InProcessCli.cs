using Connectors.Mcp.Commands;
using Connectors.Mcp.Tests.Commands;

namespace Connectors.Mcp.Tests.EndToEnd;

/// <summary>
/// The real <c>connectors-mcp</c> command line run in the test process (CliApp, real clock, real stores) on the same
/// home as the server child process: what an administrator at a terminal would do while the server runs.
/// </summary>
public sealed class InProcessCli(string home)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    /// <summary>Runs <paramref name="args"/> with <c>--home HOME</c> appended.</summary>
    public async Task<CliResult> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var cancellation = new CancellationTokenSource(Limit);
        var exitCode = await CliApp.RunAsync([.. args, "--home", home], stdout, stderr, cancellation.Token).WaitAsync(Limit);
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs and asserts exit code 0.</summary>
    public async Task<CliResult> RunOkAsync(params string[] args)
    {
        var result = await RunAsync(args);
        Assert.True(result.ExitCode == 0, $"connectors-mcp {string.Join(' ', args)}\n{result}");
        return result;
    }
}
