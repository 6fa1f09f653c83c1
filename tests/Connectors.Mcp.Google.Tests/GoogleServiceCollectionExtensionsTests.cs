using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Google.Gmail;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Google.Tests;

public sealed class GoogleServiceCollectionExtensionsTests
{
    [Fact]
    public void AddGoogleConnectors_RegistersGmailOnceAsConnectorTypeSingleton()
    {
        var services = new ServiceCollection().AddGoogleConnectors().AddGoogleConnectors();
        services.AddSingleton<ConnectorRegistry>();
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        var types = provider.GetServices<IConnectorType>().ToList();
        Assert.Single(types);
        Assert.IsType<GmailConnectorType>(types[0]);
        Assert.Same(types[0], provider.GetServices<IConnectorType>().Single());
        Assert.NotNull(provider.GetRequiredService<ConnectorRegistry>().Find("gmail"));
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
