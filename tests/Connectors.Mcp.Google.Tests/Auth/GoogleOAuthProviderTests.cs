using Connectors.Mcp.Core.OAuth;
using Connectors.Mcp.Google.Auth;
using Connectors.Mcp.Google.Gmail;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Google.Tests.Auth;

public sealed class GoogleOAuthProviderTests
{
    [Fact]
    public void Defaults_AreGooglesProductionEndpoints_AndTheParametersThatYieldARefreshToken()
    {
        var google = new GoogleOAuthProvider();

        Assert.Equal("google", google.Provider);
        Assert.Equal(new GmailConnectorType().Provider, google.Provider);
        Assert.Equal(new Uri("https://accounts.google.com/o/oauth2/v2/auth"), google.AuthorizationEndpoint);
        Assert.Equal(new Uri("https://oauth2.googleapis.com/token"), google.TokenEndpoint);
        Assert.Equal(
            [new("access_type", "offline"), new("prompt", "consent"), new("include_granted_scopes", "true")],
            google.AuthorizationParameters);
    }

    [Fact]
    public void AddGoogleConnectors_RegistersTheGoogleProviderOnce_ForTheProviderRegistry()
    {
        var services = new ServiceCollection().AddGoogleConnectors().AddGoogleConnectors();
        services.AddSingleton<OAuthProviderRegistry>();
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        Assert.IsType<GoogleOAuthProvider>(Assert.Single(provider.GetServices<IOAuthProvider>()));
        Assert.IsType<GoogleOAuthProvider>(provider.GetRequiredService<OAuthProviderRegistry>().Find("google"));
    }
}
