using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Instructions;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Hosting.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Hosting.Admin;

/// <summary>
/// Browser sign-in: <c>POST /admin/login</c> <c>{"token":"cma_…"}</c> (the token in the body, never in a URL; this
/// server's own Origin required) → 204 and the <c>cmcp_admin</c> cookie (HttpOnly, SameSite=Strict, Path=/admin,
/// Secure on https, 12 h); <c>POST /admin/logout</c> ends the session; <c>GET /admin/api/session</c> hands the page its
/// CSRF token.
/// </summary>
public static class AdminSessionEndpoints
{
    /// <summary>
    /// <c>POST /admin/login</c> (open: it checks the token in its body) and <c>POST /admin/logout</c> (admin policy), on
    /// <paramref name="endpoints"/> at the root.
    /// </summary>
    public static IEndpointRouteBuilder MapAdminSignIn(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(AdminPaths.Login, AdminApi.HandleSignIn(LoginAsync)).AllowAnonymous();
        endpoints.MapPost(AdminPaths.Logout, AdminApi.Handle(LogoutAsync)).RequireAuthorization(EdgeAuthorization.AdminPolicy);
        return endpoints;
    }

    /// <summary><c>GET /admin/api/session</c>, on the admin API route group.</summary>
    public static IEndpointRouteBuilder MapAdminSession(this IEndpointRouteBuilder api)
    {
        api.MapGet("/session", AdminApi.Handle(SessionAsync));
        return api;
    }

    private static async Task LoginAsync(HttpContext context)
    {
        if (!AdminOrigin.IsOwn(context.Request, context.RequestServices.GetRequiredService<HostAllowList>()))
        {
            await AdminJson.WriteErrorAsync(context, StatusCodes.Status403Forbidden, "forbidden", "Sign in from this server's own page at /admin (Origin header missing or foreign).");
            return;
        }

        var body = await AdminJson.ReadObjectAsync(context);
        var secret = AdminJson.OptionalString(body, "token") ?? "";
        var tokens = context.RequestServices.GetRequiredService<IAdminTokenStore>();
        var token = await tokens.FindBySecretAsync(secret.Trim(), context.RequestAborted);
        if (token is null)
        {
            await AdminJson.WriteErrorAsync(context, StatusCodes.Status401Unauthorized, "unauthorized",
                $"That admin token is not valid (unknown or revoked). Create one on the server with {CliInstructions.AdminTokenCreate}.");
            return;
        }

        var issued = await tokens.CreateSessionAsync(token.Id, AdminPaths.SessionLifetime, context.RequestAborted);
        context.Response.Cookies.Append(AdminPaths.SessionCookie, issued.SessionId, CookieOptions(context, issued.Session.ExpiresAt));
        context.Response.Headers.CacheControl = "no-store";
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    private static async Task LogoutAsync(HttpContext context)
    {
        var caller = AdminApi.Caller(context);
        if (caller.Session is not null && context.Request.Cookies[AdminPaths.SessionCookie] is { } sessionId)
        {
            await context.RequestServices.GetRequiredService<IAdminTokenStore>().DeleteSessionAsync(sessionId, context.RequestAborted);
        }

        context.Response.Cookies.Delete(AdminPaths.SessionCookie, CookieOptions(context, null));
        context.Response.Headers.CacheControl = "no-store";
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    private static Task SessionAsync(HttpContext context)
    {
        var caller = AdminApi.Caller(context);
        if (caller.Session is not { } session)
        {
            return AdminJson.WriteErrorAsync(context, StatusCodes.Status401Unauthorized, "unauthorized",
                "GET /admin/api/session describes a browser session; sign in with POST /admin/login (a bearer token needs no CSRF token).");
        }

        return AdminJson.OkAsync(context, new JsonObject
        {
            ["csrf_token"] = session.CsrfToken,
            ["token_name"] = session.TokenName,
            ["expires_at"] = AdminJson.Time(session.ExpiresAt),
        });
    }

    private static CookieOptions CookieOptions(HttpContext context, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Path = AdminPaths.Root,
        Secure = context.Request.IsHttps,
        Expires = expires,
        IsEssential = true,
    };
}
