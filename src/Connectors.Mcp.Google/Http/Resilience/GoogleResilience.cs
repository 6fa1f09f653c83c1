using Connectors.Mcp.Connectors.Http.Resilience;
using Connectors.Mcp.Google.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Google.Http.Resilience;

/// <summary>
/// Google's resilient named client: the toolkit's <see cref="ConnectorResilience"/> pipeline (bulkhead, total timeout,
/// safe retries, circuit breaker, attempt timeout, one per connector instance) on the provider key <see cref="ClientName"/>,
/// limited by <see cref="GoogleResilienceOptions"/>. Google.Apis' own back-off and retry handlers are off
/// (<see cref="GoogleClientServiceOptions"/>), so this is the only layer that repeats a request (the credential's single
/// refresh-and-resend on 401 aside).
/// </summary>
public static class GoogleResilience
{
    /// <summary>The named HttpClient / handler of the Google provider family (= the connector types' provider key).</summary>
    public const string ClientName = GoogleOAuthProvider.ProviderKey;

    public static IServiceCollection AddGoogleResilience(this IServiceCollection services) =>
        services.AddConnectorResilience<GoogleResilienceOptions>(ClientName);
}
