using Connectors.Mcp.Hosting.Admin;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Hosting.Auth;

/// <summary>
/// Who may call what over HTTP, decided by routing: every endpoint carries its access rule as endpoint metadata
/// (<c>RequireAuthorization(policy)</c> or <c>AllowAnonymous()</c>), so the rule applies to whatever path variant routing
/// matched — letter case, trailing slash, percent-encoding. An endpoint that declares neither is refused
/// (<see cref="UndeclaredAccessRequirement"/> is the fallback policy): a new endpoint cannot forget.
/// <list type="bullet">
/// <item><see cref="WorkspacePolicy"/> — <c>/mcp</c>, <c>/mcp/sse</c>, <c>/mcp/message</c>: a workspace API key (or the
/// served workspace in single-workspace mode) and the tool scope that goes with it; never an admin token.</item>
/// <item><see cref="AdminPolicy"/> — <c>/admin/api/**</c>, <c>/admin/logout</c>, <c>/oauth/start/{id}</c>: an admin token
/// (bearer) or its browser session (cookie; writes need this server's Origin and the session's CSRF token).</item>
/// </list>
/// </summary>
public static class EdgeAuthorization
{
    public const string WorkspaceScheme = "workspace-key";
    public const string AdminScheme = "admin";
    public const string WorkspacePolicy = "workspace";
    public const string AdminPolicy = "admin";

    public static IServiceCollection AddEdgeAuthorization(this IServiceCollection services)
    {
        // The authentication core, not AddAuthentication(): that one also brings ASP.NET Core Data Protection, which
        // writes a key ring to the user's profile — nothing here uses it (our sessions are opaque ids in the database).
        services.AddAuthenticationCore();
        services.AddWebEncoders();
        services.AddSingleton<ApiKeyCache>();
        new AuthenticationBuilder(services)
            .AddScheme<AuthenticationSchemeOptions, WorkspaceKeyAuthenticationHandler>(WorkspaceScheme, null)
            .AddScheme<AuthenticationSchemeOptions, AdminAuthenticationHandler>(AdminScheme, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(WorkspacePolicy, policy => policy
                .AddAuthenticationSchemes(WorkspaceScheme)
                .RequireAuthenticatedUser()
                .RequireClaim(WorkspaceClaims.WorkspaceId)
                .RequireClaim(WorkspaceClaims.Scope))
            .AddPolicy(AdminPolicy, policy => policy
                .AddAuthenticationSchemes(AdminScheme)
                .RequireAuthenticatedUser()
                .AddRequirements(new AdminRequestRequirement()))
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().AddRequirements(new UndeclaredAccessRequirement()).Build());
        services.AddSingleton<IAuthorizationHandler, AdminRequestAuthorizationHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, EdgeAuthorizationResultHandler>();
        return services;
    }
}
