using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Connectors.Mcp.Sandbox;

/// <summary>
/// Hosts a fake's request handler on Kestrel at 127.0.0.1 (a random port, or a given one), with no logging and no signal handling of its
/// own (<see cref="EmbeddedHostLifetime"/>): the one way every provider fake is served.
/// </summary>
internal sealed class LoopbackFakeHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackFakeHost(WebApplication app, Uri root)
    {
        _app = app;
        Root = root;
    }

    /// <summary><c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri Root { get; }

    /// <param name="port">The loopback port; 0 picks a free one.</param>
    public static async Task<LoopbackFakeHost> StartAsync(RequestDelegate handler, int port, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel reported no address.");
        return new LoopbackFakeHost(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
