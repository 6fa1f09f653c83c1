using Connectors.Mcp.Composition;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Hosting;
using Connectors.Mcp.Tests.EndToEnd;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Tests.Hosting;

/// <summary>
/// The HTTP server exactly as <c>serve --http</c> builds it (<see cref="ServeHost.BuildHttpApp"/>), in-process on real
/// Kestrel (127.0.0.1, a free port), twice: with API keys (many workspaces) and in single-workspace mode without keys
/// (as <c>--sandbox</c> and <c>--workspace</c> run it). In-process so a test can read what the server maps from its
/// endpoint data sources; requests still go over real HTTP. Workspace <c>acme</c> has a Gmail connector, an API key, and
/// there is an admin token.
/// </summary>
public sealed class HttpSurfaceFixture : IAsyncLifetime
{
    private WebApplication? _multi;
    private WebApplication? _single;

    public Installation Installation { get; private set; } = null!;

    public string ApiKey { get; private set; } = "";

    public string AdminToken { get; private set; } = "";

    public string ConnectorId { get; private set; } = "";

    /// <summary>The server that needs workspace API keys.</summary>
    public Uri MultiWorkspaceUrl { get; private set; } = null!;

    /// <summary>The server that serves <c>acme</c> without keys (loopback).</summary>
    public Uri SingleWorkspaceUrl { get; private set; } = null!;

    /// <summary>The API-key server's services (e.g. to hold its <see cref="LargeRequestGate"/>'s slots).</summary>
    public IServiceProvider MultiWorkspaceServices => _multi?.Services ?? throw new InvalidOperationException("Not started.");

    /// <summary>Every route endpoint the server maps (the same for both modes).</summary>
    public IReadOnlyList<RouteEndpoint> Endpoints { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Installation = await Installation.CreateAsync();
        await Installation.CreateWorkspaceAsync("acme");
        ConnectorId = (await Installation.AddGmailAsync("acme")).ConnectorId;
        ApiKey = await Installation.CreateApiKeyAsync("acme");
        AdminToken = (await Installation.Cli.RunOkAsync("admin", "token", "create", "--name", "ops")).Stdout.Trim();

        var home = AppHome.Resolve(Installation.Home, sandbox: false);
        Workspace acme;
        await using (var setup = await AppServices.BuildAsync(home, CancellationToken.None))
        {
            acme = (await setup.GetRequiredService<IWorkspaceStore>().FindBySlugAsync("acme", CancellationToken.None))!;
        }

        (_multi, MultiWorkspaceUrl) = await StartAsync(home, null);
        (_single, SingleWorkspaceUrl) = await StartAsync(home, acme);
        Endpoints = ((IEndpointRouteBuilder)_multi).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>().ToList();
    }

    public async Task DisposeAsync()
    {
        try
        {
            foreach (var app in (WebApplication?[])[_multi, _single])
            {
                if (app is not null)
                {
                    await app.StopAsync().WaitAsync(Bounded.Shutdown);
                    await app.DisposeAsync();
                }
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

    private static async Task<(WebApplication App, Uri Url)> StartAsync(AppHome home, Workspace? single)
    {
        const string Bind = "http://127.0.0.1:0";
        var app = ServeHost.BuildHttpApp(new ServeRequest(home, Stdio: false, single?.Slug, Bind, Sandbox: false), [new Uri(Bind)], single);
        await app.StartAsync().WaitAsync(Bounded.Startup);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new Uri(address.TrimEnd('/') + "/"));
    }
}
