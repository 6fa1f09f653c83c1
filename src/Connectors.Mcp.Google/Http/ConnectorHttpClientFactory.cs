using Connectors.Mcp.Connectors.Http.Resilience;
using Google.Apis.Http;

namespace Connectors.Mcp.Google.Http;

/// <summary>
/// Google.Apis' HTTP client factory over the host's pooled handler (<c>ConnectorContext.HttpHandlerFactory</c>), so
/// Google's client services and token requests open no sockets of their own. With a <paramref name="connectorId"/>,
/// every request is stamped with it, so the named client's resilience pipeline (circuit breaker, bulkhead) is that
/// connector's own.
/// </summary>
internal sealed class ConnectorHttpClientFactory(Func<HttpMessageHandler> createHandler, string? connectorId = null) : HttpClientFactory
{
    protected override HttpMessageHandler CreateHandler(CreateHttpClientArgs args) =>
        connectorId is null ? createHandler() : new ConnectorTaggingHandler(createHandler(), connectorId);
}
