using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Connectors.Mcp.Tests.EndToEnd;

/// <summary>
/// One installation with workspace <c>acme</c> and its Gmail connector <c>gmail</c>, served over stdio to a client that
/// declares no elicitation, shared by the tests of one class.
/// </summary>
public class StdioWorkspaceFixture : IAsyncLifetime
{
    public const string Workspace = "acme";

    private StdioServer? _server;

    public Installation Installation { get; private set; } = null!;

    public GmailConnectorSetup Gmail { get; private set; } = null!;

    public StdioServer Server => _server ?? throw new InvalidOperationException("The server is not started.");

    public McpClient Client => Server.Client;

    /// <summary>The tools as the client listed them at start, by name.</summary>
    public IReadOnlyDictionary<string, Tool> Tools { get; private set; } = new Dictionary<string, Tool>();

    public async Task InitializeAsync()
    {
        Installation = await Installation.CreateAsync();
        await Installation.CreateWorkspaceAsync(Workspace);
        Gmail = await Installation.AddGmailAsync(Workspace);
        _server = await StdioServer.StartAsync(Installation.Home, Workspace, CreateClientOptions());
        Tools = (await Client.ListToolsRawAsync()).ToDictionary(t => t.Name);
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

    protected virtual McpClientOptions CreateClientOptions() => ClientOptions.Plain();
}
