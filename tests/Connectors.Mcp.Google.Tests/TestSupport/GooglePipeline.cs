using Connectors.Mcp.Connectors.Http.Resilience;
using Connectors.Mcp.Google.Http.Resilience;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Google.Tests.TestSupport;

/// <summary>
/// The production HTTP stack of the Google provider family: a service provider with <see cref="GoogleResilience"/> on the
/// named client "google", and handlers from <see cref="IHttpMessageHandlerFactory"/> exactly as <c>ConnectorInvoker</c>
/// creates them. Back-off is shortened so tests stay fast; everything else is as configured in production unless a test
/// passes <c>configure</c>.
/// </summary>
internal sealed class GooglePipeline : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly IHttpMessageHandlerFactory _handlers;

    public GooglePipeline(Action<GoogleResilienceOptions>? configure = null, Func<HttpMessageHandler>? primaryHandler = null)
    {
        var services = new ServiceCollection();
        services.AddGoogleResilience();
        services.Configure<GoogleResilienceOptions>(o =>
        {
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(20);
            configure?.Invoke(o);
        });
        if (primaryHandler is not null)
        {
            services.AddHttpClient(GoogleResilience.ClientName).ConfigurePrimaryHttpMessageHandler(primaryHandler);
        }

        _services = services.BuildServiceProvider();
        _handlers = _services.GetRequiredService<IHttpMessageHandlerFactory>();
        CircuitStates = _services.GetRequiredService<ConnectorCircuitStates>();
    }

    public ConnectorCircuitStates CircuitStates { get; }

    public HttpMessageHandler CreateHandler() => _handlers.CreateHandler(GoogleResilience.ClientName);

    public void Dispose() => _services.Dispose();
}
