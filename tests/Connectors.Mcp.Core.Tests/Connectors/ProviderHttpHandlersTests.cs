using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Tests.OAuth.Support;

namespace Connectors.Mcp.Core.Tests.Connectors;

/// <summary>The one place a provider key becomes a named HTTP client, and the check that it was registered.</summary>
public sealed class ProviderHttpHandlersTests
{
    private sealed class RecordingFactory : IHttpMessageHandlerFactory
    {
        public List<string> Names { get; } = [];

        public HttpMessageHandler CreateHandler(string name)
        {
            Names.Add(name);
            return new HttpClientHandler();
        }
    }

    [Fact]
    public void ConnectorType_WhoseProviderRegisteredNoClient_IsRefused_NamingTypeAndProvider()
    {
        var registry = new ConnectorRegistry([new TestOAuth.ConnectorType("acme_id")]);

        var error = Assert.Throws<InvalidOperationException>(() => new ProviderHttpHandlers(new RecordingFactory(), [new ProviderHttpClient("acme")], registry));

        Assert.Contains("Connector type 'acme_mail' uses provider 'acme_id', but no HTTP client is registered for provider 'acme_id'", error.Message);
    }

    [Fact]
    public void ConnectorHandler_IsTheNamedClientOfItsProviderKey()
    {
        var type = new TestOAuth.ConnectorType("acme_id");
        var factory = new RecordingFactory();
        var handlers = new ProviderHttpHandlers(factory, [new ProviderHttpClient("acme_id")], new ConnectorRegistry([type]));

        var create = handlers.For(type);
        Assert.Empty(factory.Names); // handlers are created when the connector sends, not when its context is built
        create().Dispose();

        Assert.Equal(["acme_id"], factory.Names);
        Assert.True(handlers.IsRegistered("acme_id"));
        Assert.False(handlers.IsRegistered("acme"));
    }

    [Fact]
    public void TypeOutsideTheRegistry_WithoutAClient_IsRefusedWhenItsHandlerIsAskedFor()
    {
        var handlers = new ProviderHttpHandlers(new RecordingFactory(), [], new ConnectorRegistry([]));

        var error = Assert.Throws<InvalidOperationException>(() => handlers.For(new TestOAuth.ConnectorType("zoom")));

        Assert.Contains("provider 'zoom'", error.Message);
    }
}
