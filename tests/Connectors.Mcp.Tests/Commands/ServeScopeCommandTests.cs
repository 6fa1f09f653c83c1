using Connectors.Mcp.Core.Catalog;

namespace Connectors.Mcp.Tests.Commands;

/// <summary><c>serve --workspace SLUG --read-only --tools …</c>: the served workspace's scope, the same options as <c>apikey create</c>.</summary>
public sealed class ServeScopeCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData("serve --stdio --workspace acme", false, "")]
    [InlineData("serve --stdio --workspace acme --read-only", true, "")]
    [InlineData("serve --stdio --workspace acme --tools gmail_*,*_list_*", false, "gmail_*,*_list_*")]
    [InlineData("serve --http --workspace acme --read-only --tools gmail_*", true, "gmail_*")]
    [InlineData("serve --stdio --sandbox --read-only", true, "")]
    public async Task WithAWorkspace_TheScopeIsHandedToTheHost(string commandLine, bool readOnly, string tools)
    {
        var result = await _cli.RunAsync(commandLine.Split(' '));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(ToolScope.Create(readOnly, ToolScope.SplitPatterns(tools)), Assert.Single(_cli.ServeRequests).WorkspaceScope);
    }

    [Theory]
    [InlineData("serve --stdio --workspace acme --tool-mode discovery", ToolMode.Discovery)]
    [InlineData("serve --stdio --sandbox --read-only --tool-mode all", ToolMode.All)]
    public async Task ToolMode_IsPartOfTheServedScope(string commandLine, ToolMode mode)
    {
        var result = await _cli.RunAsync(commandLine.Split(' '));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(mode, Assert.Single(_cli.ServeRequests).WorkspaceScope.Mode);
    }

    [Theory]
    [InlineData("serve --http --read-only", "add --workspace SLUG")]
    [InlineData("serve --http --tools gmail_*", "add --workspace SLUG")]
    [InlineData("serve --http --tool-mode discovery", "add --workspace SLUG")]
    [InlineData("serve --stdio --workspace acme --tool-mode some", "some")]
    [InlineData("serve --stdio --workspace acme --tools gmail!", "is not a tool pattern")]
    public async Task WithoutAWorkspace_OrWithABadPattern_IsAUsageError(string commandLine, string expected)
    {
        var result = await _cli.RunAsync(commandLine.Split(' '));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Stderr, StringComparison.Ordinal);
        Assert.Empty(_cli.ServeRequests);
    }
}
