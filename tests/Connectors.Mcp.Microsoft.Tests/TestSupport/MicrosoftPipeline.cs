using Connectors.Mcp.Connectors.Http.Resilience;
using Connectors.Mcp.Microsoft.Auth;
using Connectors.Mcp.Microsoft.Http.Resilience;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Microsoft.Tests.TestSupport;

/// <summary>
/// The production HTTP stack of the Microsoft family: the toolkit's resilience pipeline on the named client
/// "microsoft", handlers from <see cref="IHttpMessageHandlerFactory"/> as <c>ConnectorInvoker</c> creates them. Back-off
/// is shortened so tests stay fast.
/// </summary>
internal sealed class MicrosoftPipeline : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly IHttpMessageHandlerFactory _handlers;

    public MicrosoftPipeline(Action<MicrosoftResilienceOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddConnectorResilience<MicrosoftResilienceOptions>(MicrosoftOAuthProvider.ProviderKey);
        services.Configure<MicrosoftResilienceOptions>(o =>
        {
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(20);
            configure?.Invoke(o);
        });
        _services = services.BuildServiceProvider();
        _handlers = _services.GetRequiredService<IHttpMessageHandlerFactory>();
    }

    public HttpMessageHandler CreateHandler() => _handlers.CreateHandler(MicrosoftOAuthProvider.ProviderKey);

    public void Dispose() => _services.Dispose();
}
