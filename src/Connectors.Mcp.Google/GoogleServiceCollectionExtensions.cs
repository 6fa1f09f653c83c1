using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Google.Auth;
using Connectors.Mcp.Google.Calendar;
using Connectors.Mcp.Google.Gmail;
using Connectors.Mcp.Google.Http.Resilience;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Connectors.Mcp.Google;

/// <summary>
/// Registers the Google connector types (one <see cref="IConnectorType"/> singleton each) and Google's grant revocation
/// (<see cref="ITokenRevoker"/>, for <c>connector disconnect</c>).
/// </summary>
public static class GoogleServiceCollectionExtensions
{
    public static IServiceCollection AddGoogleConnectors(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConnectorType, GmailConnectorType>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConnectorType, GoogleCalendarConnectorType>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Core.OAuth.IOAuthProvider, Auth.GoogleOAuthProvider>()); // the connect flow's Google endpoints
        services.AddGoogleResilience(); // the named client "google" (the toolkit's AddConnectorResilience): timeouts, safe retries, circuit breaker, bulkhead per connector
        services.AddHttpClient(); // idempotent: the pooled handlers the revoker sends through
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITokenRevoker, GoogleTokenRevoker>());
        return services;
    }
}
