namespace Connectors.Mcp.Tests.EndToEnd;

/// <summary><c>serve --http</c> (API keys required) with one workspace, <c>acme</c>, its Gmail connector <c>gmail</c> and a key.</summary>
public sealed class SingleWorkspaceHttpFixture : IAsyncLifetime
{
    private HttpServerProcess? _server;

    public Installation Installation { get; private set; } = null!;

    public GmailConnectorSetup Gmail { get; private set; } = null!;

    public string ApiKey { get; private set; } = "";

    public HttpServerProcess Server => _server ?? throw new InvalidOperationException("The server is not started.");

    public async Task InitializeAsync()
    {
        Installation = await Installation.CreateAsync();
        await Installation.CreateWorkspaceAsync("acme");
        Gmail = await Installation.AddGmailAsync("acme");
        ApiKey = await Installation.CreateApiKeyAsync("acme");
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
