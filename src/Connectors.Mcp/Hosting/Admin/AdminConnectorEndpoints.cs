using System.Text.Json.Nodes;
using Connectors.Mcp.Core.OAuth;
using Connectors.Mcp.Core.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Hosting.Admin;

/// <summary>
/// <c>POST /admin/api/connectors/{id}/reconnect</c>: starts the same OAuth connect flow as <c>/oauth/start</c> (state,
/// PKCE, redirect URI <c>/oauth/callback</c> of this server or <c>$CONNECTORS_MCP_PUBLIC_URL</c>) and returns the
/// consent URL as JSON for the console to open; 400 when the type has no OAuth client or provider configured. The
/// published actions (<c>…/connectors/{id}/actions</c>) are in <see cref="AdminConnectorActionsEndpoints"/>.
/// </summary>
public static class AdminConnectorEndpoints
{
    public static IEndpointRouteBuilder MapAdminConnectors(this IEndpointRouteBuilder endpoints)
    {
        var publicUrl = OAuthConnectEndpoints.ReadPublicUrl(Environment.GetEnvironmentVariable(OAuthConnectEndpoints.PublicUrlVariable));
        endpoints.MapPost("/connectors/{id}/reconnect", AdminApi.Handle(context => ReconnectAsync(context, publicUrl)));
        return endpoints.MapAdminConnectorActions();
    }

    private static async Task ReconnectAsync(HttpContext context, Uri? publicUrl)
    {
        var id = context.Request.RouteValues["id"] as string ?? "";
        var connector = await context.RequestServices.GetRequiredService<IConnectorStore>().FindAsync(id, context.RequestAborted)
            ?? throw AdminApiException.NotFound($"No connector '{id}'. GET /admin/api/workspaces/SLUG/connectors lists a workspace's connectors.");
        OAuthAuthorizationRequest request;
        try
        {
            request = await context.RequestServices.GetRequiredService<OAuthConnectFlow>()
                .StartAsync(connector, OAuthConnectEndpoints.RedirectUri(context.Request, publicUrl), context.RequestAborted);
        }
        catch (OAuthConnectException ex)
        {
            throw AdminApiException.Invalid(ex.Message);
        }

        await AdminJson.OkAsync(context, new JsonObject { ["authorization_url"] = request.AuthorizationUrl.AbsoluteUri });
    }
}
