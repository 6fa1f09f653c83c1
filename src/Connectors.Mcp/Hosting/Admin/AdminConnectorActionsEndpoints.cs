using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Hosting.Admin;

/// <summary>
/// <c>GET /admin/api/connectors/{id}/actions</c>: every action of the connector's type with its tool name, title,
/// whether it only reads, and whether the connector publishes it; <c>published</c> is <c>"all"</c> or the chosen names.
/// <c>PUT …/actions</c> <c>{"published":["search_inbox",…]}</c> or <c>{"published":"all"}</c> sets them (as
/// <c>connector set-tools</c> does: audited as the admin token, live sessions get tools/list_changed) and answers like GET;
/// 400 for an empty list or an action the type does not have.
/// </summary>
public static class AdminConnectorActionsEndpoints
{
    public static IEndpointRouteBuilder MapAdminConnectorActions(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/connectors/{id}/actions", AdminApi.Handle(GetAsync));
        endpoints.MapPut("/connectors/{id}/actions", AdminApi.Handle(SetAsync));
        return endpoints;
    }

    private static async Task GetAsync(HttpContext context) =>
        await AdminJson.OkAsync(context, ToJson(context, await RequireAsync(context)));

    private static async Task SetAsync(HttpContext context)
    {
        var connector = await RequireAsync(context);
        var published = Parse((await AdminJson.ReadObjectAsync(context))["published"]);
        ConnectorInstance updated;
        try
        {
            updated = await context.RequestServices.GetRequiredService<IConnectorStore>().SetPublishedActionsAsync(
                connector.Id, published, OperatorActor.Admin(AdminApi.Caller(context).TokenName), context.RequestAborted);
        }
        catch (ArgumentException ex)
        {
            throw AdminApiException.Invalid($"'published': {(ex.ParamName is { } name ? ex.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : ex.Message)}");
        }

        await AdminJson.OkAsync(context, ToJson(context, updated));
    }

    /// <summary><c>"all"</c> → <c>null</c>; an array of strings → the names; anything else 400.</summary>
    private static List<string>? Parse(JsonNode? node)
    {
        if (node is JsonValue value && value.TryGetValue<string>(out var text) && text == "all")
        {
            return null;
        }

        if (node is JsonArray array && array.All(a => a is JsonValue v && v.TryGetValue<string>(out _)))
        {
            return array.Select(a => a!.GetValue<string>()).ToList();
        }

        throw AdminApiException.Invalid("'published' must be \"all\" or an array of action names such as [\"search_inbox\"].");
    }

    private static async Task<ConnectorInstance> RequireAsync(HttpContext context)
    {
        var id = context.Request.RouteValues["id"] as string ?? "";
        return await context.RequestServices.GetRequiredService<IConnectorStore>().FindAsync(id, context.RequestAborted)
            ?? throw AdminApiException.NotFound($"No connector '{id}'. GET /admin/api/workspaces/SLUG/connectors lists a workspace's connectors.");
    }

    private static JsonObject ToJson(HttpContext context, ConnectorInstance connector)
    {
        var actions = context.RequestServices.GetRequiredService<ConnectorRegistry>().Find(connector.Type)?.Actions ?? [];
        return new JsonObject
        {
            ["id"] = connector.Id,
            ["name"] = connector.Name,
            ["type"] = connector.Type,
            ["published"] = Published(connector),
            ["actions"] = new JsonArray(actions.Select(a => (JsonNode?)new JsonObject
            {
                ["name"] = a.Name,
                ["tool"] = $"{connector.Name}_{a.Name}",
                ["title"] = a.Title,
                ["read_only"] = a.IsReadOnly,
                ["published"] = connector.Publishes(a.Name),
            }).ToArray()),
        };
    }

    /// <summary>As the API spells a connector's published actions: <c>"all"</c> or the names.</summary>
    internal static JsonNode Published(ConnectorInstance connector) =>
        connector.PublishedActions is { } names ? new JsonArray(names.Select(n => (JsonNode?)n).ToArray()) : JsonValue.Create("all");
}
