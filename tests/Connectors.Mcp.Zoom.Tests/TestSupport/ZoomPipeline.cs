using Connectors.Mcp.Connectors.Http.Resilience;
using Connectors.Mcp.Zoom.Auth;
using Connectors.Mcp.Zoom.Http.Resilience;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Zoom.Tests.TestSupport;

/// <summary>
/// The production HTTP stack of the Zoom family: the toolkit's resilience pipeline on the named client "zoom", handlers
/// from <see cref="IHttpMessageHandlerFactory"/> as <c>ConnectorInvoker</c> creates them. Back-off is shortened so tests stay fast.
/// </summary>
internal sealed class ZoomPipeline : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly IHttpMessageHandlerFactory _handlers;

    public ZoomPipeline(Action<ZoomResilienceOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddConnectorResilience<ZoomResilienceOptions>(ZoomOAuthProvider.ProviderKey);
        services.Configure<ZoomResilienceOptions>(o =>
        {
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(20);
            configure?.Invoke(o);
        });
        _services = services.BuildServiceProvider();
        _handlers = _services.GetRequiredService<IHttpMessageHandlerFactory>();
    }

    public HttpMessageHandler CreateHandler() => _handlers.CreateHandler(ZoomOAuthProvider.ProviderKey);

    public void Dispose() => _services.Dispose();
}
