using Connectors.Mcp.Composition;
using Connectors.Mcp.Core.Catalog;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Hosting;
using Connectors.Mcp.Sandbox;
using Connectors.Mcp.Tests.EndToEnd;
using Connectors.Mcp.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;

namespace Connectors.Mcp.Tests.Hosting.Auth;

/// <summary>
/// The sandbox's demo workspace (every connector type the sandbox seeds, against its in-process fakes) served over real
/// HTTP behind API keys — the server exactly as <c>serve --http</c> builds it (<see cref="ServeHost.BuildHttpApp"/>),
/// in-process on Kestrel (127.0.0.1, a free port), so a test can create and revoke keys in the server's own store.
/// <see cref="Catalog"/> is the workspace's whole catalog, which tests enumerate instead of naming tools by hand.
/// </summary>
public sealed class ScopedKeyServerFixture : IAsyncLifetime
{
    private readonly TestHome _home = new();
    private ServiceProvider? _setup;
    private SandboxEnvironment? _sandbox;
    private WebApplication? _app;

    public Workspace Workspace { get; private set; } = null!;

    public WorkspaceCatalog Catalog { get; private set; } = null!;

    public Uri McpUrl { get; private set; } = null!;

    public IServiceProvider Server => _app?.Services ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        var home = AppHome.Resolve(_home.Path, sandbox: true);
        _setup = await AppServices.BuildAsync(home, CancellationToken.None);
        _sandbox = await SandboxEnvironment.StartAsync(_setup, CancellationToken.None);
        Workspace = _sandbox.Workspace;
        Catalog = await _setup.GetRequiredService<ToolCatalog>().GetAsync(Workspace.Id, CancellationToken.None);

        const string Bind = "http://127.0.0.1:0";
        _app = ServeHost.BuildHttpApp(new ServeRequest(home, Stdio: false, null, Bind, Sandbox: false), [new Uri(Bind)], null);
        await _app.StartAsync().WaitAsync(Bounded.Startup);
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        McpUrl = new Uri(address.TrimEnd('/') + "/mcp");
    }

    /// <summary>A key for the demo workspace, created in the server's store, as <c>apikey create demo …</c> does.</summary>
    public Task<IssuedApiKey> CreateKeyAsync(ToolScope scope, string? name = null) =>
        Server.GetRequiredService<IWorkspaceStore>().CreateApiKeyAsync(Workspace.Id, name, scope, OperatorActor.Cli("test"), CancellationToken.None);

    /// <summary>An MCP client over Streamable HTTP with the key; connecting sends initialize, so a refused key throws here.</summary>
    public async Task<McpClient> ConnectAsync(string apiKey)
    {
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = McpUrl,
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {apiKey}" },
        });
        using var timeout = new CancellationTokenSource(Bounded.Startup);
        return await McpClient.CreateAsync(transport, ClientOptions.Plain(), loggerFactory: null, timeout.Token).WaitAsync(Bounded.Startup);
    }

    /// <summary>The demo workspace's audit rows, newest first.</summary>
    public Task<IReadOnlyList<AuditEntry>> AuditAsync() =>
        Server.GetRequiredService<IAuditLog>().ListAsync(Workspace.Id, 1000, CancellationToken.None);

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync().WaitAsync(Bounded.Shutdown);
            await _app.DisposeAsync();
        }

        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync();
        }

        if (_setup is not null)
        {
            await _setup.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        _home.Dispose();
    }
}
