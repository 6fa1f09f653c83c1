using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Hosting.Admin;

/// <summary>
/// The admin HTTP API under <c>/admin/api</c> and the console's sign-in (docs/admin-api.md). Authentication is
/// <see cref="AdminAuthMiddleware"/>, which the host runs after <see cref="HttpGuardMiddleware"/>.
/// </summary>
public static class AdminApiEndpoints
{
    /// <summary>The services the admin API needs beside the app's own: the event poller and the approval view.</summary>
    public static IServiceCollection AddAdminApi(this IServiceCollection services)
    {
        services.AddSingleton<AdminApprovalView>();
        services.AddSingleton<AdminEventFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<AdminEventFeed>());
        return services;
    }

    public static IApplicationBuilder UseAdminAuthentication(this IApplicationBuilder app) => app.UseMiddleware<AdminAuthMiddleware>();

    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapAdminSession();
        endpoints.MapAdminApprovals();
        endpoints.MapAdminEvents();
        endpoints.MapAdminWorkspaces();
        endpoints.MapAdminConnectors();
        endpoints.MapAdminAudit();
        endpoints.MapAdminPolicies();
        endpoints.MapAdminRules();
        return endpoints;
    }
}
