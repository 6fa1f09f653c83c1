namespace Connectors.Mcp.Microsoft.Tests.TestSupport;

/// <summary>Hands every connector the one pooled handler, which a connector's HttpClient must not dispose.</summary>
internal sealed class NonDisposingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override void Dispose(bool disposing)
    {
        // The pool belongs to the harness.
    }
}
