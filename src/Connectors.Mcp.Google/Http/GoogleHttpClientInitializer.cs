using Google.Apis.Http;

namespace Connectors.Mcp.Google.Http;

/// <summary>
/// Adds the credential (bearer header, refresh-and-resend once on 401) to a client service's HTTP client. Nothing else
/// retries at this layer: retries, timeouts, the circuit breaker and the bulkhead live in the named client's resilience
/// pipeline (<see cref="Resilience.GoogleResilience"/>).
/// </summary>
internal sealed class GoogleHttpClientInitializer(IConfigurableHttpClientInitializer credential) : IConfigurableHttpClientInitializer
{
    public void Initialize(ConfigurableHttpClient httpClient) => credential.Initialize(httpClient);
}
