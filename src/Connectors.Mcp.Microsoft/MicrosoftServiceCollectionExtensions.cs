using Connectors.Mcp.Connectors.Http.Resilience;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Core.OAuth;
using Connectors.Mcp.Microsoft.Auth;
using Connectors.Mcp.Microsoft.Http.Resilience;
using Connectors.Mcp.Microsoft.Calendar;
using Connectors.Mcp.Microsoft.Mail;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Connectors.Mcp.Microsoft;

/// <summary>
/// Registers the Microsoft connector types (one <see cref="IConnectorType"/> singleton each), the identity platform's
/// OAuth endpoints, the revoker (which explains that Microsoft cannot revoke one app's grant) and the resilient named
/// client <c>microsoft</c>.
/// </summary>
public static class MicrosoftServiceCollectionExtensions
{
    public static IServiceCollection AddMicrosoftConnectors(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConnectorType, OutlookMailConnectorType>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConnectorType, OutlookCalendarConnectorType>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOAuthProvider, MicrosoftOAuthProvider>());
        services.AddConnectorResilience<MicrosoftResilienceOptions>(MicrosoftOAuthProvider.ProviderKey);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITokenRevoker, MicrosoftTokenRevoker>());
        return services;
    }
}
