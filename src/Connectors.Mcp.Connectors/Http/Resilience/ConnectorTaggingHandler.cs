namespace Connectors.Mcp.Connectors.Http.Resilience;

/// <summary>Stamps every request with its connector id (<see cref="ConnectorRequestKey"/>) on its way to the pooled handler.</summary>
public sealed class ConnectorTaggingHandler(HttpMessageHandler inner, string connectorId) : DelegatingHandler(inner)
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Options.Set(ConnectorRequestKey.ConnectorId, connectorId);
        return base.SendAsync(request, cancellationToken);
    }
}
