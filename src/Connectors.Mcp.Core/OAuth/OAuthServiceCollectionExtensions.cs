using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Connectors.Mcp.Core.OAuth;

public static class OAuthServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="OAuthConnectFlow"/> and the <see cref="OAuthProviderRegistry"/> over every registered
    /// <see cref="IOAuthProvider"/>. The host registers the stores (including <c>IOAuthStateStore</c>), the connector
    /// registry, <see cref="TimeProvider"/> and <c>IHttpClientFactory</c>.
    /// </summary>
    public static IServiceCollection AddOAuthConnectFlow(this IServiceCollection services)
    {
        services.TryAddSingleton<OAuthProviderRegistry>();
        services.TryAddSingleton<OAuthConnectFlow>();
        return services;
    }
}
