using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Google;

/// <summary>PLACEHOLDER — replaced by the Google connectors.</summary>
public static class GoogleServiceCollectionExtensions
{
    public static IServiceCollection AddGoogleConnectors(this IServiceCollection services) => services;
}
