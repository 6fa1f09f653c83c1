namespace Connectors.Mcp.Google.Tests.TestSupport;

/// <summary>What a pooled handler from IHttpMessageHandlerFactory looks like to its user: disposing it leaves the pool alone.</summary>
internal sealed class NonDisposingHandler(HttpMessageHandler pooled) : DelegatingHandler(pooled)
{
    protected override void Dispose(bool disposing)
    {
        // The pooled inner handler outlives this wrapper.
    }
}
