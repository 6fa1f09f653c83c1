using Connectors.Mcp.Sandbox.Zoom;

namespace Connectors.Mcp.Tests.EndToEnd;

/// <summary>
/// <c>connector set-client-credentials</c> for a Zoom connector, end to end against the fake Zoom's Server-to-Server app:
/// the secret is stored encrypted and never echoed, the connector becomes active, and the stdio server's calls share one
/// <c>account_credentials</c> token.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ZoomServerToServerCommandTests : IAsyncLifetime
{
    private const string Workspace = "acme";
    private readonly FakeZoomServer _zoom = new();
    private Installation _installation = null!;

    public async Task InitializeAsync()
    {
        await _zoom.StartAsync().WaitAsync(Bounded.Startup);
        _installation = await Installation.CreateAsync();
        await _installation.CreateWorkspaceAsync(Workspace);
    }

    public async Task DisposeAsync()
    {
        await _installation.DisposeAsync();
        await _zoom.DisposeAsync();
    }

    [Fact]
    public async Task SetClientCredentials_StoresTheAppEncrypted_ActivatesTheConnector_AndCallsShareOneToken()
    {
        var add = await _installation.Cli.RunOkAsync("connector", "add", Workspace, "zoom",
            "--setting", $"api_base_url={_zoom.ApiBaseUrl}",
            "--setting", $"token_url={_zoom.TokenUrl}");
        var connectorId = add.Stdout.Trim();

        var set = await _installation.Cli.RunOkAsync("connector", "set-client-credentials", connectorId,
            "--account-id", _zoom.S2SAccountId, "--client-id", _zoom.S2SClientId, "--client-secret", _zoom.S2SClientSecret);

        Assert.Contains("status active", set.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(_zoom.S2SClientSecret, set.Stdout + set.Stderr, StringComparison.Ordinal);
        Assert.False(_installation.DatabaseFilesContain(_zoom.S2SClientSecret));
        Assert.Equal("active", await _installation.StatusAsync(Workspace, connectorId));

        await using var server = await StdioServer.StartAsync(_installation.Home, Workspace);
        (await server.Client.CallAsync("zoom_list_meetings", "{}")).AssertSuccess();
        (await server.Client.CallAsync("zoom_list_meetings", """{"type":"scheduled"}""")).AssertSuccess();

        Assert.Equal(1, _zoom.TokenRequests("account_credentials"));
        Assert.Equal(0, _zoom.TokenRequests("refresh_token"));
    }

    [Fact]
    public async Task SetClientCredentials_WithAnEmptyAccountId_IsAUsageError()
    {
        var connectorId = (await _installation.Cli.RunOkAsync("connector", "add", Workspace, "zoom")).Stdout.Trim();

        var result = await _installation.Cli.RunAsync("connector", "set-client-credentials", connectorId, "--account-id", " ", "--client-id", "x", "--client-secret", "y");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal("needs_reauth", await _installation.StatusAsync(Workspace, connectorId));
    }
}
