namespace Connectors.Mcp.Tests.Commands;

public sealed class UsageErrorTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData("")]
    [InlineData("frobnicate")]
    [InlineData("workspace")]
    [InlineData("workspace create")]
    [InlineData("workspace list --colour")]
    [InlineData("connector set-token cn_1")]
    [InlineData("connector add acme")]
    [InlineData("audit list acme --limit many")]
    [InlineData("oauth-client set github --client-id x")]
    [InlineData("policy set acme gmail_send_email sometimes")]
    [InlineData("approvals deny")]
    public async Task BadCommandLine_Exits2WithTheErrorOnStderrOnly(string commandLine)
    {
        var result = await _cli.RunAsync(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.StartsWith("error: ", result.Stderr);
        Assert.Contains("--help`", result.Stderr);
    }

    [Fact]
    public async Task BlankHome_IsAUsageError_NotACrash()
    {
        var result = await _cli.RunRawAsync(["workspace", "list", "--home", ""]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--home needs a folder", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsageError_DoesNotCreateTheHome()
    {
        var home = Path.Combine(_cli.Root, "not-yet");

        await _cli.RunRawAsync(["workspace", "create", "--home", home]);

        Assert.False(Directory.Exists(home));
    }

    [Fact]
    public async Task Help_GoesToStdoutWithExit0()
    {
        var result = await _cli.RunAsync("connector", "add", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--setting <KEY=VALUE>", result.Stdout);
        Assert.Contains("--home <DIR>", result.Stdout);
    }
}
