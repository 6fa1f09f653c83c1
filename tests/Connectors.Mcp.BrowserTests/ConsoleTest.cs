using Microsoft.Playwright;
using ModelContextProtocol.Client;

namespace Connectors.Mcp.BrowserTests;

/// <summary>
/// One test = one fresh sandbox server (its own home, so its own inbox) and one browser context opened on /admin.
/// Override <see cref="TimeZone"/> to view the console from another zone.
/// </summary>
[Collection(BrowserCollection.Name)]
public abstract class ConsoleTest(ChromiumFixture chromium) : IAsyncLifetime
{
    private SandboxConsoleServer? _server;
    private IBrowserContext? _context;
    private ConsolePage? _console;
    private McpClient? _agent;

    protected virtual string TimeZone => "UTC";

    protected SandboxConsoleServer Server => _server ?? throw new InvalidOperationException("not started");

    protected IBrowserContext Context => _context ?? throw new InvalidOperationException("not started");

    protected ConsolePage Console => _console ?? throw new InvalidOperationException("not started");

    protected IPage Page => Console.Page;

    public async Task InitializeAsync()
    {
        if (!ChromiumLocation.IsInstalled)
        {
            throw new InvalidOperationException(ChromiumLocation.MissingMessage);
        }

        try
        {
            _server = await SandboxConsoleServer.StartAsync();
            _context = await chromium.NewContextAsync(TimeZone);
            _console = await ConsolePage.OpenAsync(_context, _server);
        }
        catch
        {
            // xunit does not dispose a test whose InitializeAsync threw: stop the server here, or it outlives the run.
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>The agent: an MCP client without elicitation, connected on first use.</summary>
    protected async Task<McpClient> AgentAsync() => _agent ??= await Server.ConnectAgentAsync();

    public async Task DisposeAsync()
    {
        if (_agent is not null)
        {
            await _agent.DisposeAsync();
            _agent = null;
        }

        if (_context is not null)
        {
            await _context.CloseAsync();
            _context = null;
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
            _server = null;
        }
    }
}
