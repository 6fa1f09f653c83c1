namespace Connectors.Mcp.Tests.EndToEnd;

/// <summary>
/// <c>serve --http</c> (API keys required) for two workspaces: <c>acme</c> with Gmail connector <c>gmail</c> and
/// <c>globex</c> with Gmail connector <c>globex_mail</c>, each with its own API key.
/// </summary>
public sealed class TwoWorkspaceHttpFixture : IAsyncLifetime
{
    private HttpServerProcess? _server;

    public Installation Installation { get; private set; } = null!;

    public HttpServerProcess Server => _server ?? throw new InvalidOperationException("The server is not started.");

    public string AcmeKey { get; private set; } = "";

    public string GlobexKey { get; private set; } = "";

    public GmailConnectorSetup AcmeGmail { get; private set; } = null!;

    public GmailConnectorSetup GlobexGmail { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Installation = await Installation.CreateAsync();
        await Installation.CreateWorkspaceAsync("acme");
        await Installation.CreateWorkspaceAsync("globex");
        AcmeGmail = await Installation.AddGmailAsync("acme", "gmail");
        GlobexGmail = await Installation.AddGmailAsync("globex", "globex_mail");
        AcmeKey = await Installation.CreateApiKeyAsync("acme");
        GlobexKey = await Installation.CreateApiKeyAsync("globex");
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
