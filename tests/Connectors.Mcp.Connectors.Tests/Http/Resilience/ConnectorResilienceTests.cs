using System.Net;
using Connectors.Mcp.Connectors.Http.Resilience;
using Connectors.Mcp.Connectors.Tests.TestSupport;
using Connectors.Mcp.Core.Connectors;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Connectors.Tests.Http.Resilience;

/// <summary>
/// <see cref="ConnectorResilience.AddConnectorResilience{TOptions}"/>: one call gives a provider family its resilient named
/// client, limited by its own options type, and the host hands every connector of that provider this client.
/// </summary>
public sealed class ConnectorResilienceTests
{
    public sealed class AlphaOptions : ConnectorResilienceOptions;

    public sealed class BetaOptions : ConnectorResilienceOptions;

    private static CountingHandler Answer503(IServiceCollection services, string provider)
    {
        var primary = new CountingHandler(HttpStatusCode.ServiceUnavailable);
        services.AddHttpClient(provider).ConfigurePrimaryHttpMessageHandler(() => primary);
        return primary;
    }

    private static async Task<HttpStatusCode> SendAsync(HttpMessageHandler handler, HttpMethod method)
    {
        using var client = new HttpClient(handler, disposeHandler: false);
        using var response = await client.SendAsync(new HttpRequestMessage(method, "https://api.example.test/v1/items"));
        return response.StatusCode;
    }

    private static Task<HttpStatusCode> SendAsync(ServiceProvider services, string provider, HttpMethod method) =>
        SendAsync(services.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(provider), method);

    [Fact]
    public async Task RegisteringAProviderTwice_PutsOnePipelineOnItsClient()
    {
        var services = new ServiceCollection().AddConnectorResilience<AlphaOptions>("alpha").AddConnectorResilience<AlphaOptions>("alpha");
        services.Configure<AlphaOptions>(o => (o.MaxRetries, o.RetryBaseDelay) = (1, TimeSpan.FromMilliseconds(1)));
        var primary = Answer503(services, "alpha");
        await using var provider = services.BuildServiceProvider();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, await SendAsync(provider, "alpha", HttpMethod.Get));

        Assert.Equal(2, primary.Requests); // the first attempt and one retry; two stacked pipelines would make it 4
        Assert.Equal("alpha", Assert.Single(provider.GetServices<ProviderHttpClient>()).Provider);
    }

    [Fact]
    public async Task EachProvider_GetsItsOwnClient_LimitedByItsOwnOptions()
    {
        var services = new ServiceCollection().AddConnectorResilience<AlphaOptions>("alpha").AddConnectorResilience<BetaOptions>("beta");
        services.Configure<AlphaOptions>(o => o.MaxRetries = 0);
        services.Configure<BetaOptions>(o => (o.MaxRetries, o.RetryBaseDelay) = (2, TimeSpan.FromMilliseconds(1)));
        var alpha = Answer503(services, "alpha");
        var beta = Answer503(services, "beta");
        await using var provider = services.BuildServiceProvider();

        await SendAsync(provider, "alpha", HttpMethod.Get);
        await SendAsync(provider, "beta", HttpMethod.Get);

        Assert.Equal(1, alpha.Requests);
        Assert.Equal(3, beta.Requests);
        Assert.Equal(["alpha", "beta"], provider.GetServices<ProviderHttpClient>().Select(c => c.Provider));
    }

    [Fact]
    public async Task AWriteAnswered503_IsNotRepeated()
    {
        var services = new ServiceCollection().AddConnectorResilience<AlphaOptions>("alpha");
        services.Configure<AlphaOptions>(o => (o.MaxRetries, o.RetryBaseDelay) = (2, TimeSpan.FromMilliseconds(1)));
        var primary = Answer503(services, "alpha");
        await using var provider = services.BuildServiceProvider();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, await SendAsync(provider, "alpha", HttpMethod.Post));

        Assert.Equal(1, primary.Requests);
    }

    [Fact]
    public async Task TheHost_HandsAConnectorTheResilientClientOfItsProviderKey()
    {
        var type = new StubConnectorType("alpha_mail", "alpha");
        var services = new ServiceCollection().AddConnectorResilience<AlphaOptions>("alpha");
        services.Configure<AlphaOptions>(o => (o.MaxRetries, o.RetryBaseDelay) = (1, TimeSpan.FromMilliseconds(1)));
        services.AddSingleton<IConnectorType>(type).AddSingleton<ConnectorRegistry>().AddSingleton<ProviderHttpHandlers>();
        var primary = Answer503(services, "alpha");
        await using var provider = services.BuildServiceProvider();

        await SendAsync(provider.GetRequiredService<ProviderHttpHandlers>().For(type)(), HttpMethod.Get);

        Assert.Equal(2, primary.Requests);
    }
}
