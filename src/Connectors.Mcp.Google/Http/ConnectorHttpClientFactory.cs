using Google.Apis.Http;

namespace Connectors.Mcp.Google.Http;

/// <summary>
/// Google.Apis' HTTP client factory over the host's pooled handler (<c>ConnectorContext.HttpHandlerFactory</c>), so
/// Google's client services and token requests open no sockets of their own.
/// </summary>
internal sealed class ConnectorHttpClientFactory(Func<HttpMessageHandler> createHandler) : HttpClientFactory
{
    protected override HttpMessageHandler CreateHandler(CreateHttpClientArgs args) => createHandler();
}
