namespace Connectors.Mcp.Tests.Commands;

/// <summary><c>connector connect</c> refusals that need no browser (the flow itself: EndToEnd/ConnectCommandTests).</summary>
public sealed class ConnectorConnectCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    [Fact]
    public async Task Connect_UnknownConnector_RefusesAndSaysWhereTheIdsAre()
    {
        var result = await _cli.RunAsync("connector", "connect", "con_missing", "--no-browser");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("No connector 'con_missing'", result.Stderr);
        Assert.Contains("connector list", result.Stderr);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task Connect_NoOAuthClient_RefusesWithTheOAuthClientSetCommand()
    {
        await _cli.CreateWorkspaceAsync("acme");
        var id = await _cli.AddConnectorAsync("acme");

        var result = await _cli.RunAsync("connector", "connect", id, "--no-browser");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("`connectors-mcp oauth-client set google --client-id ID --client-secret -`", result.Stderr);
        Assert.Empty(result.Stdout);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("601")]
    public async Task Connect_TimeoutOutOfRange_IsAUsageError(string seconds)
    {
        var result = await _cli.RunAsync("connector", "connect", "con_x", "--timeout", seconds, "--no-browser");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--timeout", result.Stderr);
    }

    [Fact]
    public async Task ConnectorHelp_ListsConnect()
    {
        var result = await _cli.RunAsync("connector", "--help");

        Assert.Contains("connect", result.Stdout);
        Assert.Contains("--no-browser", (await _cli.RunAsync("connector", "connect", "--help")).Stdout);
    }

    public void Dispose() => _cli.Dispose();
}
