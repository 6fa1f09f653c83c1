using Connectors.Mcp.Hosting.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Hosting.Admin;

/// <summary>
/// The admin HTTP API under <c>/admin/api</c> and the console's sign-in (docs/admin-api.md). Every API endpoint is mapped
/// in the <c>/admin/api</c> route group, which requires <see cref="EdgeAuthorization.AdminPolicy"/> — authentication
/// decided by routing, for whatever spelling of the path routing matched; sign-out requires it too, sign-in is open
/// (<c>AllowAnonymous</c>). An unknown path under
/// <c>/admin/api</c> is refused like a known one (401) until the caller is authenticated, then 404.
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

    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder routes)
    {
        routes.MapAdminSignIn();
        var endpoints = routes.MapGroup(AdminPaths.Api).RequireAuthorization(EdgeAuthorization.AdminPolicy);
        endpoints.MapAdminSession();
        endpoints.MapAdminApprovals();
        endpoints.MapAdminEvents();
        endpoints.MapAdminWorkspaces();
        endpoints.MapAdminConnectors();
        endpoints.MapAdminAudit();
        endpoints.MapAdminPolicies();
        endpoints.MapAdminRules();
        endpoints.MapFallback("/{**rest}", AdminApi.Handle(context =>
            throw AdminApiException.NotFound($"No admin API endpoint {context.Request.Method} {context.Request.Path}; docs/admin-api.md lists them.")));
        return routes;
    }
}
