using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Core.OAuth;
using Connectors.Mcp.Core.Tests.OAuth.Support;

namespace Connectors.Mcp.Core.Tests.Connectors;

/// <summary>The provider set is what is registered; a connector type whose provider is incomplete stops the start.</summary>
public sealed class ProviderCatalogTests
{
    [Fact]
    public void Complete_KeysAreTheProvidersConnectorTypesName_WithTheirEndpointsAndRevoker()
    {
        var revoker = new Revoker(TestOAuth.ProviderKey);

        var catalog = new ProviderCatalog(new ConnectorRegistry([new TestOAuth.ConnectorType()]), new OAuthProviderRegistry([new TestOAuth.AcmeProvider()]), [revoker], Clients);

        Assert.Equal([TestOAuth.ProviderKey], catalog.Keys);
        var family = catalog.Find(TestOAuth.ProviderKey)!;
        Assert.Equal("Acme ID", family.OAuth.DisplayName);
        Assert.Same(revoker, family.Revoker);
        Assert.Null(catalog.Find("google"));
    }

    [Fact]
    public void ProviderWithoutARevoker_Throws_NamingTheTypeTheProviderAndWhatIsMissing()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            new ProviderCatalog(new ConnectorRegistry([new TestOAuth.ConnectorType()]), new OAuthProviderRegistry([new TestOAuth.AcmeProvider()]), [], Clients));

        Assert.Contains("connector type 'acme_mail' names provider 'acme_id', which lacks a grant revoker (an ITokenRevoker)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ProviderWithNothingRegistered_Throws_NamingBothMissingParts()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            new ProviderCatalog(new ConnectorRegistry([new TestOAuth.ConnectorType("zoom")]), new OAuthProviderRegistry([new TestOAuth.AcmeProvider()]), [new Revoker(TestOAuth.ProviderKey)], Clients));

        Assert.Contains("'zoom'", error.Message, StringComparison.Ordinal);
        Assert.Contains("OAuth endpoints (an IOAuthProvider), a grant revoker (an ITokenRevoker), an HTTP client (services.AddConnectorResilience<TOptions>(\"zoom\"))", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoRevokersForOneProvider_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => new ProviderCatalog(
            new ConnectorRegistry([new TestOAuth.ConnectorType()]), new OAuthProviderRegistry([new TestOAuth.AcmeProvider()]),
            [new Revoker(TestOAuth.ProviderKey), new Revoker(TestOAuth.ProviderKey)], Clients));
    }

    private static readonly ProviderHttpClient[] Clients = [new(TestOAuth.ProviderKey)];

    private sealed class Revoker(string provider) : ITokenRevoker
    {
        public string Provider => provider;

        public Task RevokeAsync(ConnectorSettings settings, OAuthTokens tokens, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
