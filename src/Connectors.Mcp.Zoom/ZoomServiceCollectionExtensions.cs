using Connectors.Mcp.Connectors.Http.Resilience;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Core.OAuth;
using Connectors.Mcp.Zoom.Auth;
using Connectors.Mcp.Zoom.Http.Resilience;
using Connectors.Mcp.Zoom.Meetings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Connectors.Mcp.Zoom;

/// <summary>Registers the <c>zoom</c> connector type, Zoom's OAuth endpoints, its revoker and the resilient named client <c>zoom</c>.</summary>
public static class ZoomServiceCollectionExtensions
{
    public static IServiceCollection AddZoomConnectors(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConnectorType, ZoomConnectorType>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOAuthProvider, ZoomOAuthProvider>());
        services.AddConnectorResilience<ZoomResilienceOptions>(ZoomOAuthProvider.ProviderKey);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITokenRevoker, ZoomTokenRevoker>());
        return services;
    }
}
