using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Catalog;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Hosting.Admin;

/// <summary>
/// <c>GET /admin/api/workspaces/{slug}/policies</c> (every connector tool of the workspace's catalog: its policy, the
/// action's default, whether overridden) and <c>PUT …/policies/{tool}</c> <c>{"policy":"auto|approve|deny"}</c>.
/// </summary>
public static class AdminPolicyEndpoints
{
    public static IEndpointRouteBuilder MapAdminPolicies(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/workspaces/{slug}/policies", AdminApi.Handle(ListAsync));
        endpoints.MapPut("/workspaces/{slug}/policies/{tool}", AdminApi.Handle(SetAsync));
        return endpoints;
    }

    /// <summary>auto | approve | deny; 400 naming <paramref name="field"/> otherwise.</summary>
    public static ApprovalPolicy Parse(string? text, string field) =>
        ApprovalPolicyNames.TryParse(text, out var policy)
            ? policy
            : throw AdminApiException.Invalid($"'{field}' must be auto, approve or deny; got '{text}'.");

    private static async Task ListAsync(HttpContext context)
    {
        var workspace = await AdminWorkspaceEndpoints.RequireAsync(context);
        var (tools, overrides) = await ReadAsync(context, workspace);
        await AdminJson.OkAsync(context, new JsonObject
        {
            ["policies"] = new JsonArray(tools.Select(t => (JsonNode?)ToJson(t, overrides)).ToArray()),
        });
    }

    private static async Task SetAsync(HttpContext context)
    {
        var workspace = await AdminWorkspaceEndpoints.RequireAsync(context);
        var toolName = context.Request.RouteValues["tool"] as string ?? "";
        var policy = Parse(AdminJson.OptionalString(await AdminJson.ReadObjectAsync(context), "policy"), "policy");
        var (tools, _) = await ReadAsync(context, workspace);
        if (!tools.Any(t => t.Name == toolName))
        {
            throw AdminApiException.NotFound($"Workspace '{workspace.Slug}' has no connector tool '{toolName}'. GET /admin/api/workspaces/{workspace.Slug}/policies lists them.");
        }

        await context.RequestServices.GetRequiredService<IPolicyStore>()
            .SetAsync(workspace.Id, toolName, policy, OperatorActor.Admin(AdminApi.Caller(context).TokenName), context.RequestAborted);
        var (updated, overrides) = await ReadAsync(context, workspace);
        await AdminJson.OkAsync(context, ToJson(updated.Single(t => t.Name == toolName), overrides));
    }

    private static async Task<(List<CatalogTool> Tools, IReadOnlyDictionary<string, ApprovalPolicy> Overrides)> ReadAsync(HttpContext context, Workspace workspace)
    {
        var catalog = await context.RequestServices.GetRequiredService<ToolCatalog>().GetAsync(workspace.Id, context.RequestAborted);
        var overrides = await context.RequestServices.GetRequiredService<IPolicyStore>().GetAllAsync(workspace.Id, context.RequestAborted);
        return (catalog.Tools.Where(t => t.Action is not null).ToList(), overrides);
    }

    private static JsonObject ToJson(CatalogTool tool, IReadOnlyDictionary<string, ApprovalPolicy> overrides) => new()
    {
        ["tool"] = tool.Name,
        ["policy"] = tool.Policy.ToName(),
        ["default_policy"] = tool.Action!.DefaultPolicy.ToName(),
        ["overridden"] = overrides.ContainsKey(tool.Name),
    };
}
