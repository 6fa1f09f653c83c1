namespace Connectors.Mcp.Tests.EndToEnd;

/// <summary>
/// <c>serve --http</c> with API keys for workspaces <c>acme</c> and <c>globex</c>, the fake's OAuth client configured and
/// no connector connected yet: each test adds its own unconnected Gmail connector and connects it over HTTP.
/// </summary>
public sealed class OAuthHttpFixture : IAsyncLifetime
{
    private HttpServerProcess? _server;

    public Installation Installation { get; private set; } = null!;

    public HttpServerProcess Server => _server ?? throw new InvalidOperationException("The server is not started.");

    public string AcmeKey { get; private set; } = "";

    public string GlobexKey { get; private set; } = "";

    /// <summary>An admin token (<c>admin token create</c>): starting a connection is an operator's act.</summary>
    public string AdminToken { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Installation = await Installation.CreateAsync();
        await Installation.CreateWorkspaceAsync("acme");
        await Installation.CreateWorkspaceAsync("globex");
        AcmeKey = await Installation.CreateApiKeyAsync("acme");
        GlobexKey = await Installation.CreateApiKeyAsync("globex");
        AdminToken = (await Installation.Cli.RunOkAsync("admin", "token", "create", "--name", "ops")).Stdout.Trim();
        _server = await HttpServerProcess.StartAsync(Installation.Home);
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (_server is not null)
            {
                await _server.DisposeAsync();
            }
        }
        finally
        {
            if (Installation is not null)
            {
                await Installation.DisposeAsync();
            }
        }
    }
}
