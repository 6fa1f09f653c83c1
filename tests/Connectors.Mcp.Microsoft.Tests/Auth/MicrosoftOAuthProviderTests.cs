using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.OAuth;
using Connectors.Mcp.Microsoft.Auth;

namespace Connectors.Mcp.Microsoft.Tests.Auth;

public sealed class MicrosoftOAuthProviderTests
{
    private readonly IOAuthProvider _provider = new MicrosoftOAuthProvider();

    [Theory]
    [InlineData(null, "common")]
    [InlineData("consumers", "consumers")]
    [InlineData("organizations", "organizations")]
    [InlineData("contoso.onmicrosoft.com", "contoso.onmicrosoft.com")]
    [InlineData("72f988bf-86f1-41af-91ab-2d7cd011db47", "72f988bf-86f1-41af-91ab-2d7cd011db47")]
    public void ConsentAndTokenEndpoints_FollowTheTenantSetting(string? tenant, string expected)
    {
        var settings = new ConnectorSettings(tenant is null ? [] : new Dictionary<string, string> { ["tenant"] = tenant });

        Assert.Equal(new Uri($"https://login.microsoftonline.com/{expected}/oauth2/v2.0/authorize"), _provider.AuthorizationEndpointFor(settings));
        Assert.Equal(new Uri($"https://login.microsoftonline.com/{expected}/oauth2/v2.0/token"), _provider.TokenEndpointFor(settings));
    }

    [Theory]
    [InlineData("contoso/../evil")]
    [InlineData("a?b=c")]
    [InlineData(".hidden")]
    public void MalformedTenant_IsRefusedByName(string tenant)
    {
        var settings = new ConnectorSettings(new Dictionary<string, string> { ["tenant"] = tenant });

        var error = Assert.Throws<InvalidOperationException>(() => _provider.AuthorizationEndpointFor(settings));

        Assert.Contains("Setting 'tenant'", error.Message);
    }

    [Theory]
    [InlineData("https://graph.microsoft.com/Mail.Read", "Mail.Read User.Read", true)]
    [InlineData("https://graph.microsoft.com/Mail.Read", "mail.read", true)]
    [InlineData("https://graph.microsoft.com/Mail.Read", "https://graph.microsoft.com/Mail.Read", true)]
    [InlineData("https://graph.microsoft.com/Mail.Send", "Mail.Read User.Read", false)]
    [InlineData("https://graph.microsoft.com/Mail.Read", "Mail.ReadBasic", false)]
    [InlineData("offline_access", "Mail.Read", true)]
    public void IsGranted_ReadsTheScopeListAsTheIdentityPlatformWritesIt(string requested, string granted, bool expected) =>
        Assert.Equal(expected, _provider.IsGranted(requested, granted.Split(' ')));
}
