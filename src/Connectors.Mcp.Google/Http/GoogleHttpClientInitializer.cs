using Google.Apis.Http;

namespace Connectors.Mcp.Google.Http;

/// <summary>
/// Adds the credential (bearer header, refresh-and-resend once on 401) to a client service's HTTP client. Nothing else
/// retries or times out at this layer: retries, the attempt and total timeouts, the connect timeout, the circuit breaker
/// and the bulkhead live in the named client's resilience pipeline (<see cref="Resilience.GoogleResilience"/>), so
/// HttpClient's own 100 s timeout is switched off (its TimeoutException could otherwise be mistaken for a connect timeout,
/// i.e. for a request that was never sent).
/// </summary>
internal sealed class GoogleHttpClientInitializer(IConfigurableHttpClientInitializer credential) : IConfigurableHttpClientInitializer
{
    public void Initialize(ConfigurableHttpClient httpClient)
    {
        httpClient.Timeout = Timeout.InfiniteTimeSpan;
        credential.Initialize(httpClient);
    }
}
