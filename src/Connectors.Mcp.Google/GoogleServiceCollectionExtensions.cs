using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Google.Calendar;
using Connectors.Mcp.Google.Gmail;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Connectors.Mcp.Google;

/// <summary>Registers the Google connector types (one <see cref="IConnectorType"/> singleton each).</summary>
public static class GoogleServiceCollectionExtensions
{
    public static IServiceCollection AddGoogleConnectors(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConnectorType, GmailConnectorType>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConnectorType, GoogleCalendarConnectorType>());
        return services;
    }
}
