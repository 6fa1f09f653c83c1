namespace Connectors.Mcp.Google.Tests.TestSupport;

/// <summary>Runs a hook before each request goes out (e.g. to look at the database at that very moment), then sends it.</summary>
internal sealed class ObservingHandler(HttpMessageHandler pooled, Func<HttpRequestMessage, Task> beforeSend) : DelegatingHandler(pooled)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await beforeSend(request);
        return await base.SendAsync(request, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        // The pooled inner handler outlives this wrapper.
    }
}
