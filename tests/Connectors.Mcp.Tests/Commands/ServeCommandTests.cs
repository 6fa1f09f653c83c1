using Connectors.Mcp.Commands.Shared;

namespace Connectors.Mcp.Tests.Commands;

public sealed class ServeCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Stdio_WithWorkspace_HandsTheRequestToTheHost()
    {
        var result = await _cli.RunAsync("serve", "--stdio", "--workspace", "acme");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stdout);
        var request = Assert.Single(_cli.ServeRequests);
        Assert.True(request.Stdio);
        Assert.Equal("acme", request.WorkspaceSlug);
        Assert.False(request.Sandbox);
        Assert.Equal(Path.GetFullPath(_cli.Root), request.Home.Directory);
    }

    [Fact]
    public async Task Http_DefaultsToLoopback5100WithoutAWorkspace()
    {
        var result = await _cli.RunAsync("serve", "--http");

        Assert.Equal(0, result.ExitCode);
        var request = Assert.Single(_cli.ServeRequests);
        Assert.False(request.Stdio);
        Assert.Null(request.WorkspaceSlug);
        Assert.Equal("http://127.0.0.1:5100", request.Urls);
    }

    [Theory]
    [InlineData("--http")]
    [InlineData("--stdio")]
    public async Task Sandbox_ImpliesWorkspaceDemoAndTheSandboxHome(string transport)
    {
        var result = await _cli.RunAsync("serve", transport, "--sandbox");

        Assert.Equal(0, result.ExitCode);
        var request = Assert.Single(_cli.ServeRequests);
        Assert.Equal("demo", request.WorkspaceSlug);
        Assert.True(request.Sandbox);
        Assert.True(request.Home.IsSandbox);
        Assert.Equal(Path.Combine(Path.GetFullPath(_cli.Root), "sandbox"), request.Home.Directory);
    }

    [Fact]
    public async Task Http_SingleWorkspaceOnLoopbackUrls_IsAccepted()
    {
        var result = await _cli.RunAsync("serve", "--http", "--workspace", "acme", "--urls", "http://localhost:6000;http://[::1]:6000");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("http://localhost:6000;http://[::1]:6000", Assert.Single(_cli.ServeRequests).Urls);
    }

    [Fact]
    public async Task Http_SingleWorkspaceOnANonLoopbackAddress_IsRefused()
    {
        var result = await _cli.RunAsync("serve", "--http", "--workspace", "acme", "--urls", "http://0.0.0.0:5100");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("only listens on loopback", result.Stderr);
        Assert.Empty(_cli.ServeRequests);
    }

    [Theory]
    [InlineData("serve", "Choose one transport")]
    [InlineData("serve --stdio --http", "Choose one transport")]
    [InlineData("serve --stdio", "add --workspace SLUG")]
    [InlineData("serve --stdio --workspace acme --urls http://127.0.0.1:1", "--urls applies to --http only")]
    [InlineData("serve --http --urls ftp://127.0.0.1", "http(s) URLs")]
    public async Task BadShape_IsAUsageError(string commandLine, string expected)
    {
        var result = await _cli.RunAsync(commandLine.Split(' '));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Stderr);
        Assert.Empty(_cli.ServeRequests);
    }

    [Fact]
    public async Task Stateless_AppliesToHttpOnly()
    {
        var http = await _cli.RunAsync("serve", "--http", "--stateless");
        var stdio = await _cli.RunAsync("serve", "--stdio", "--workspace", "acme", "--stateless");

        Assert.Equal(0, http.ExitCode);
        Assert.True(Assert.Single(_cli.ServeRequests).Stateless);
        Assert.Equal(ExitCodes.Usage, stdio.ExitCode);
        Assert.Contains("--stateless applies to --http only", stdio.Stderr);
    }
}
