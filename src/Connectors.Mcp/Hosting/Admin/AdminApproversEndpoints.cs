using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Pipeline;
using Connectors.Mcp.Core.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connectors.Mcp.Hosting.Admin;

/// <summary>
/// <c>PUT /admin/api/workspaces/{slug}/approvers</c> <c>{"approvers":"client|person|default"}</c>: who may approve the
/// workspace's gated calls, as <c>workspace set-approvers</c>. Answers the workspace object, which shows the effective
/// value (<c>approvers</c>) and whether it is this server's default (<c>approvers_default</c>).
/// </summary>
public static class AdminApproversEndpoints
{
    public static IEndpointRouteBuilder MapAdminApprovers(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPut("/workspaces/{slug}/approvers", AdminApi.Handle(SetAsync));
        return endpoints;
    }

    /// <summary>The fields every workspace object carries: the effective approvers on this (HTTP) server, and whether that is its default.</summary>
    public static void Describe(HttpContext context, Workspace workspace, JsonObject json)
    {
        var defaults = context.RequestServices.GetRequiredService<IOptions<ToolPipelineOptions>>().Value.DefaultApprovers;
        json["approvers"] = (workspace.Approvers ?? defaults).ToName();
        json["approvers_default"] = workspace.Approvers is null;
    }

    private static async Task SetAsync(HttpContext context)
    {
        var workspace = await AdminWorkspaceEndpoints.RequireAsync(context);
        var name = AdminJson.RequiredString(await AdminJson.ReadObjectAsync(context), "approvers");
        Approvers? approvers = ApproversNames.TryParse(name, out var parsed) ? parsed
            : name == ApproversNames.Default ? null
            : throw AdminApiException.Invalid($"'approvers' must be one of {string.Join(", ", ApproversNames.All)} or {ApproversNames.Default}.");
        var updated = await context.RequestServices.GetRequiredService<IWorkspaceStore>().SetApproversAsync(workspace.Id, approvers, OperatorActor.Admin(AdminApi.Caller(context).TokenName), context.RequestAborted);
        await AdminJson.OkAsync(context, await AdminWorkspaceEndpoints.ToJsonAsync(context, updated));
    }
}
