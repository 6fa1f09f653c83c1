namespace Connectors.Mcp.Tests.EndToEnd;

/// <summary>
/// <c>serve --http --stateless</c> (no MCP sessions, as N instances behind a load balancer without affinity run) with one
/// workspace, <c>acme</c>, its Gmail connector, a full key and a read-only key.
/// </summary>
public sealed class StatelessHttpFixture : IAsyncLifetime
{
    private HttpServerProcess? _server;

    public Installation Installation { get; private set; } = null!;

    public GmailConnectorSetup Gmail { get; private set; } = null!;

    public string ApiKey { get; private set; } = "";

    public string ReadOnlyKey { get; private set; } = "";

    public HttpServerProcess Server => _server ?? throw new InvalidOperationException("The server is not started.");

    public async Task InitializeAsync()
    {
        Installation = await Installation.CreateAsync();
        await Installation.CreateWorkspaceAsync("acme");
        Gmail = await Installation.AddGmailAsync("acme");
        ApiKey = await Installation.CreateApiKeyAsync("acme");
        ReadOnlyKey = (await Installation.Cli.RunOkAsync("apikey", "create", "acme", "--read-only")).Stdout.Trim();
        _server = await HttpServerProcess.StartAsync(Installation.Home, "--stateless");
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
