using System.Text.Json;
using Connectors.Mcp.Core.Storage;
using Microsoft.AspNetCore.Http;

namespace Connectors.Mcp.Hosting;

/// <summary>
/// Runs before the MCP endpoints: Host and Origin against the allow-list (403), then the workspace credential (401 with
/// <c>WWW-Authenticate</c>). On success the request's user names its workspace and nothing else. <c>/admin</c> and
/// everything under it skip the workspace credential (admin tokens authenticate there, see
/// <see cref="Admin.AdminAuthMiddleware"/>); an admin token is never a credential for anything else.
/// </summary>
public sealed class HttpGuardMiddleware(RequestDelegate next, HostAllowList allowList, HttpWorkspaceMode mode)
{
    private const string AdminTokenPrefix = "cma_";

    public async Task InvokeAsync(HttpContext context, IWorkspaceStore workspaces)
    {
        if (!allowList.IsAllowedHost(context.Request.Host.Value))
        {
            await RefuseAsync(context, StatusCodes.Status403Forbidden, "Forbidden: Host header is not allowed (DNS rebinding protection). Add it to $CONNECTORS_MCP_ALLOWED_HOSTS if this is intended.");
            return;
        }

        if (!allowList.IsAllowedOrigin(context.Request.Headers.Origin.FirstOrDefault()))
        {
            await RefuseAsync(context, StatusCodes.Status403Forbidden, "Forbidden: Origin is not allowed (DNS rebinding protection).");
            return;
        }

        if (Admin.AdminPaths.IsAdmin(context.Request.Path))
        {
            await next(context);
            return;
        }

        var header = context.Request.Headers.Authorization.FirstOrDefault();
        const string prefix = "Bearer ";
        if (header is not null && header.StartsWith(prefix + AdminTokenPrefix, StringComparison.OrdinalIgnoreCase))
        {
            // Also in single-workspace mode: an admin token sent to /mcp is a mistake worth saying so.
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"connectors-mcp\"";
            await RefuseAsync(context, StatusCodes.Status401Unauthorized,
                "Unauthorized: an admin token opens only /admin; MCP clients send a workspace API key (`connectors-mcp apikey create SLUG`).");
            return;
        }

        if (context.Request.Path.Equals(OAuthConnectEndpoints.CallbackPath, StringComparison.Ordinal))
        {
            // The provider sends the browser here: it cannot carry an API key. The single-use state authenticates it.
            await next(context);
            return;
        }

        if (mode.SingleWorkspace is { } only)
        {
            context.User = WorkspaceClaims.For(only.Id, only.Slug);
            await next(context);
            return;
        }

        Workspace? workspace = null;
        if (header is not null && header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            workspace = await workspaces.FindByApiKeyAsync(header[prefix.Length..].Trim(), context.RequestAborted);
        }

        if (workspace is null)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"connectors-mcp\"";
            await RefuseAsync(context, StatusCodes.Status401Unauthorized,
                header is null
                    ? "Unauthorized: send Authorization: Bearer <workspace API key> (create one with `connectors-mcp apikey create SLUG`)."
                    : "Unauthorized: the API key is not valid.");
            return;
        }

        context.User = WorkspaceClaims.For(workspace.Id, workspace.Slug);
        await next(context);
    }

    private static Task RefuseAsync(HttpContext context, int status, string message)
    {
        if (Admin.AdminPaths.IsAdmin(context.Request.Path))
        {
            return Admin.AdminJson.WriteErrorAsync(context, status, "forbidden", message);
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var body = new { jsonrpc = "2.0", error = new { code = -32000, message }, id = (string?)null };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body), context.RequestAborted);
    }
}
