using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Google.Calendar;
using Connectors.Mcp.Google.Gmail;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Google.Tests;

public sealed class GoogleServiceCollectionExtensionsTests
{
    [Fact]
    public void AddGoogleConnectors_RegistersGmailAndCalendarOnceEach_AsConnectorTypeSingletons()
    {
        var services = new ServiceCollection().AddGoogleConnectors().AddGoogleConnectors();
        services.AddSingleton<ConnectorRegistry>();
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        var types = provider.GetServices<IConnectorType>().ToList();
        Assert.Equal(2, types.Count);
        Assert.IsType<GmailConnectorType>(types[0]);
        Assert.IsType<GoogleCalendarConnectorType>(types[1]);
        Assert.Equal(types, provider.GetServices<IConnectorType>());
        var registry = provider.GetRequiredService<ConnectorRegistry>();
        Assert.NotNull(registry.Find("gmail"));
        Assert.NotNull(registry.Find("google_calendar"));
    }

    [Fact]
    public void AddGoogleConnectors_RegistersGoogleRevocationOnce()
    {
        var services = new ServiceCollection().AddGoogleConnectors().AddGoogleConnectors();
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        var revoker = Assert.Single(provider.GetServices<ITokenRevoker>());
        Assert.Equal("google", revoker.Provider);
    }
}
