using Connectors.Mcp.Tests.EndToEnd;
using ModelContextProtocol.Client;

namespace Connectors.Mcp.Tests.Admin;

/// <summary>
/// <c>serve --http</c> (API keys required) with workspace <c>acme</c> (Gmail connector <c>gmail</c> on the fake Google
/// of the test process), a workspace API key, an admin token named <c>ops</c> made by <c>admin token create</c>, and an
/// MCP client without elicitation connected with the workspace key.
/// </summary>
public sealed class AdminServerFixture : IAsyncLifetime
{
    public const string TokenName = "ops";

    private HttpServerProcess? _server;

    public Installation Installation { get; private set; } = null!;

    public GmailConnectorSetup Gmail { get; private set; } = null!;

    public string ApiKey { get; private set; } = "";

    public string AdminToken { get; private set; } = "";

    public McpClient Client { get; private set; } = null!;

    public HttpServerProcess Server => _server ?? throw new InvalidOperationException("The server is not started.");

    public async Task InitializeAsync()
    {
        Installation = await Installation.CreateAsync();
        await Installation.CreateWorkspaceAsync("acme");
        Gmail = await Installation.AddGmailAsync("acme");
        ApiKey = await Installation.CreateApiKeyAsync("acme");
        AdminToken = (await Installation.Cli.RunOkAsync("admin", "token", "create", "--name", TokenName)).Stdout.Trim();
        _server = await HttpServerProcess.StartAsync(Installation.Home);
        Client = await _server.ConnectAsync(ApiKey);
    }

    public AdminHttp Http() => new(Server.BaseUrl);

    public async Task DisposeAsync()
    {
        try
        {
            if (Client is not null)
            {
                await Client.DisposeAsync();
            }

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
