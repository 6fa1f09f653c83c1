using Google.Apis.Http;

namespace Connectors.Mcp.Google.Http;

/// <summary>Adds the credential (bearer header, refresh-and-retry on 401) and the read-only retry to a client service's HTTP client.</summary>
internal sealed class GoogleHttpClientInitializer(IConfigurableHttpClientInitializer credential) : IConfigurableHttpClientInitializer
{
    public void Initialize(ConfigurableHttpClient httpClient)
    {
        credential.Initialize(httpClient);
        httpClient.MessageHandler.AddUnsuccessfulResponseHandler(SafeRetryPolicy.CreateReadRetryHandler());
    }
}
