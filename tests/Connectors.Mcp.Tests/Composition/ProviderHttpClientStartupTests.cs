using Connectors.Mcp.Composition;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Pipeline;
using Connectors.Mcp.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Tests.Composition;

/// <summary>
/// A connector type whose provider registered no HTTP client used to get a plain one from IHttpMessageHandlerFactory
/// (no retries, no circuit breaker) without a word; now every CLI command and server refuses to start.
/// </summary>
public sealed class ProviderHttpClientStartupTests
{
    [Fact]
    public async Task ConnectorType_WhoseProviderHasNoHttpClient_FailsStartUp_NamingTypeAndProvider()
    {
        using var home = new TestHome();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => AppServices.BuildAsync(
            AppHome.Resolve(home.Path, sandbox: false), CancellationToken.None, services => services.AddSingleton<IConnectorType>(new UnwiredConnectorType())));

        Assert.Contains("connector type 'unwired_mail' names provider 'unwired', which lacks", error.Message);
        Assert.Contains("an HTTP client (services.AddConnectorResilience<TOptions>(\"unwired\"))", error.Message);
    }

    [Fact]
    public async Task EveryRegisteredConnectorType_GetsItsProvidersRegisteredClient()
    {
        using var home = new TestHome();
        await using var services = await AppServices.BuildAsync(AppHome.Resolve(home.Path, sandbox: false), CancellationToken.None);

        var handlers = services.GetRequiredService<ProviderHttpHandlers>();
        var types = services.GetRequiredService<ConnectorRegistry>().Types;
        Assert.NotEmpty(types);
        Assert.All(types, t => Assert.True(handlers.IsRegistered(t.Provider), $"{t.Type}: provider {t.Provider} has no HTTP client"));
        Assert.NotNull(services.GetRequiredService<ToolPipeline>());
    }

    /// <summary>A family that registered its connector type but not its client (or spelled its key differently).</summary>
    private sealed class UnwiredConnectorType : IConnectorType
    {
        public string Type => "unwired_mail";

        public string DisplayName => "Unwired Mail";

        public string Provider => "unwired";

        public string Description => "A connector type whose family registered no HTTP client.";

        public IReadOnlyList<string> Scopes => [];

        public IReadOnlyList<string> SettingKeys => [];

        public IReadOnlyList<ConnectorAction> Actions => [];

        public IConnector Create(ConnectorContext context) => throw new NotSupportedException();
    }
}
