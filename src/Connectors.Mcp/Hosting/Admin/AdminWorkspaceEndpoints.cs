using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Core.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Hosting.Admin;

/// <summary>
/// <c>GET /admin/api/workspaces</c>, <c>PUT /admin/api/workspaces/{slug}/domains</c> and
/// <c>GET /admin/api/workspaces/{slug}/connectors</c> (health: status, credential state, last sync, last error, published
/// actions and the tools they make).
/// </summary>
public static class AdminWorkspaceEndpoints
{
    public static IEndpointRouteBuilder MapAdminWorkspaces(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/workspaces", AdminApi.Handle(ListAsync));
        endpoints.MapPut("/workspaces/{slug}/domains", AdminApi.Handle(SetDomainsAsync));
        endpoints.MapGet("/workspaces/{slug}/connectors", AdminApi.Handle(ConnectorsAsync));
        return endpoints.MapAdminApprovers();
    }

    /// <summary>The workspace named by the route's <c>{slug}</c>; 404 when there is none.</summary>
    public static async Task<Workspace> RequireAsync(HttpContext context)
    {
        var slug = context.Request.RouteValues["slug"] as string ?? "";
        return await context.RequestServices.GetRequiredService<IWorkspaceStore>().FindBySlugAsync(slug, context.RequestAborted)
            ?? throw AdminApiException.NotFound($"No workspace '{slug}'. GET /admin/api/workspaces lists them.");
    }

    private static async Task ListAsync(HttpContext context)
    {
        var list = new JsonArray();
        foreach (var workspace in await context.RequestServices.GetRequiredService<IWorkspaceStore>().ListAsync(context.RequestAborted))
        {
            list.Add(await ToJsonAsync(context, workspace));
        }

        await AdminJson.OkAsync(context, new JsonObject { ["workspaces"] = list });
    }

    private static async Task SetDomainsAsync(HttpContext context)
    {
        var workspace = await RequireAsync(context);
        var body = await AdminJson.ReadObjectAsync(context);
        if (body["domains"] is not JsonArray array || array.Any(d => d is not JsonValue v || !v.TryGetValue<string>(out _)))
        {
            throw AdminApiException.Invalid("'domains' must be an array of domain names such as [\"acme.com\"].");
        }

        Workspace updated;
        try
        {
            updated = await context.RequestServices.GetRequiredService<IWorkspaceStore>()
                .SetDomainsAsync(
                    workspace.Id, array.Select(d => d!.GetValue<string>()).ToList(), OperatorActor.Admin(AdminApi.Caller(context).TokenName), context.RequestAborted);
        }
        catch (ArgumentException ex)
        {
            throw AdminApiException.Invalid($"'domains': {(ex.ParamName is { } name ? ex.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : ex.Message)}");
        }

        await AdminJson.OkAsync(context, await ToJsonAsync(context, updated));
    }

    private static async Task ConnectorsAsync(HttpContext context)
    {
        var workspace = await RequireAsync(context);
        var registry = context.RequestServices.GetRequiredService<ConnectorRegistry>();
        var list = new JsonArray();
        foreach (var connector in await context.RequestServices.GetRequiredService<IConnectorStore>().GetWorkspaceConnectorsAsync(workspace.Id, context.RequestAborted))
        {
            var tools = (registry.Find(connector.Type)?.Actions ?? []).Where(a => connector.Publishes(a.Name)).Select(a => (JsonNode?)$"{connector.Name}_{a.Name}").ToArray();
            list.Add(new JsonObject
            {
                ["id"] = connector.Id,
                ["name"] = connector.Name,
                ["type"] = connector.Type,
                ["status"] = connector.Status.ToName(),
                ["credential_state"] = connector.CredentialState.ToName(),
                ["last_sync_at"] = AdminJson.Time(connector.LastSyncAt),
                ["last_error"] = connector.LastError,
                ["published"] = AdminConnectorActionsEndpoints.Published(connector),
                ["tools"] = new JsonArray(tools),
            });
        }

        await AdminJson.OkAsync(context, new JsonObject { ["connectors"] = list });
    }

    internal static async Task<JsonObject> ToJsonAsync(HttpContext context, Workspace workspace)
    {
        var ct = context.RequestAborted;
        // A count, not a read of every pending approval: a workspace with thousands waiting costs one grouped query.
        var pending = (await context.RequestServices.GetRequiredService<IApprovalStore>().CountByWorkspaceAsync(ApprovalStatus.Pending, ct)).GetValueOrDefault(workspace.Id);
        var connectors = await context.RequestServices.GetRequiredService<IConnectorStore>().GetWorkspaceConnectorsAsync(workspace.Id, ct);
        var json = new JsonObject
        {
            ["id"] = workspace.Id,
            ["slug"] = workspace.Slug,
            ["plan"] = PlanLimits.Name(workspace.Plan),
            ["domains"] = new JsonArray(workspace.Domains.Select(d => (JsonNode?)d).ToArray()),
            ["pending_approvals"] = pending,
            ["connectors"] = connectors.Count,
        };
        AdminApproversEndpoints.Describe(context, workspace, json);
        return json;
    }
}
