namespace Connectors.Mcp.Zoom.Tests.TestSupport;

/// <summary>Wraps the harness's pooled handler so a connector's HttpClient can be disposed without closing the pool.</summary>
internal sealed class NonDisposingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override void Dispose(bool disposing)
    {
        // The pool belongs to the harness.
    }
}
