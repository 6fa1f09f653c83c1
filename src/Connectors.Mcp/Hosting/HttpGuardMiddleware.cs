using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Connectors.Mcp.Hosting;

/// <summary>
/// Runs first, for every path: the Host header, and the Origin header when present, must name this server (DNS
/// rebinding protection; 403 otherwise). It decides nothing about who the caller is: credentials are checked by the
/// endpoint the request routes to (<see cref="Auth.EdgeAuthorization"/>), so no spelling of a path can skip them.
/// </summary>
public sealed class HttpGuardMiddleware(RequestDelegate next, HostAllowList allowList)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!allowList.IsAllowedHost(context.Request.Host.Value))
        {
            await RefuseAsync(context, "Forbidden: Host header is not allowed (DNS rebinding protection). Add it to $CONNECTORS_MCP_ALLOWED_HOSTS if this is intended.");
            return;
        }

        if (!allowList.IsAllowedOrigin(context.Request.Headers.Origin.FirstOrDefault()))
        {
            await RefuseAsync(context, "Forbidden: Origin is not allowed (DNS rebinding protection).");
            return;
        }

        await next(context);
    }

    private static Task RefuseAsync(HttpContext context, string message)
    {
        // The body's shape follows the surface the caller was talking to; the refusal itself does not depend on it.
        if (context.Request.Path.StartsWithSegments(Admin.AdminPaths.Root, StringComparison.OrdinalIgnoreCase))
        {
            return Admin.AdminJson.WriteErrorAsync(context, StatusCodes.Status403Forbidden, "forbidden", message);
        }

        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        context.Response.ContentType = "application/json";
        var body = new { jsonrpc = "2.0", error = new { code = -32000, message }, id = (string?)null };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body), context.RequestAborted);
    }
}
