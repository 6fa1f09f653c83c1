using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Pipeline.Approval.Rules;
using Connectors.Mcp.Core.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Hosting.Admin;

/// <summary>
/// A workspace's approval rules: <c>GET /admin/api/workspaces/{slug}/rules</c> (by position),
/// <c>POST …/rules</c> <c>{"tool","when","effect","note"?,"position"?}</c> → 201 (400 naming the bad field), and
/// <c>DELETE …/rules/{id}</c> → 204 (404 when the workspace has no such rule).
/// </summary>
public static class AdminRuleEndpoints
{
    public static IEndpointRouteBuilder MapAdminRules(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/workspaces/{slug}/rules", AdminApi.Handle(ListAsync));
        endpoints.MapPost("/workspaces/{slug}/rules", AdminApi.Handle(AddAsync));
        endpoints.MapDelete("/workspaces/{slug}/rules/{id}", AdminApi.Handle(RemoveAsync));
        return endpoints;
    }

    private static async Task ListAsync(HttpContext context)
    {
        var workspace = await AdminWorkspaceEndpoints.RequireAsync(context);
        var rules = await context.RequestServices.GetRequiredService<IApprovalRuleStore>().ListAsync(workspace.Id, context.RequestAborted);
        await AdminJson.OkAsync(context, new JsonObject { ["rules"] = new JsonArray(rules.Select(r => (JsonNode?)ToJson(r)).ToArray()) });
    }

    private static async Task AddAsync(HttpContext context)
    {
        var workspace = await AdminWorkspaceEndpoints.RequireAsync(context);
        var body = await AdminJson.ReadObjectAsync(context);
        var tool = AdminJson.RequiredString(body, "tool").Trim();
        var whenText = AdminJson.RequiredString(body, "when");
        RuleCondition condition;
        try
        {
            condition = RuleCondition.Parse(whenText);
        }
        catch (FormatException ex)
        {
            throw AdminApiException.Invalid($"'when': {ex.Message}");
        }

        var effect = AdminPolicyEndpoints.Parse(AdminJson.OptionalString(body, "effect"), "effect");
        var note = AdminJson.OptionalString(body, "note");
        int? position = null;
        if (body["position"] is { } positionNode)
        {
            position = positionNode is JsonValue value && value.TryGetValue<int>(out var number)
                ? number
                : throw AdminApiException.Invalid("'position' must be a whole number (1 = first).");
        }

        ApprovalRule rule;
        try
        {
            rule = await context.RequestServices.GetRequiredService<IApprovalRuleStore>()
                .AddAsync(
                    new NewApprovalRule(workspace.Id, tool, condition, effect, string.IsNullOrWhiteSpace(note) ? null : note.Trim(), position),
                    OperatorActor.Admin(AdminApi.Caller(context).TokenName),
                    context.RequestAborted);
        }
        catch (ArgumentException ex)
        {
            // The store names the field (ToolPattern, Position, Note …); its message says what is wrong.
            throw AdminApiException.Invalid($"'{Field(ex.ParamName)}': {WithoutParameterName(ex)}");
        }

        await AdminJson.WriteAsync(context, StatusCodes.Status201Created, ToJson(rule));
    }

    private static async Task RemoveAsync(HttpContext context)
    {
        var workspace = await AdminWorkspaceEndpoints.RequireAsync(context);
        var id = context.Request.RouteValues["id"] as string ?? "";
        var actor = OperatorActor.Admin(AdminApi.Caller(context).TokenName);
        if (!await context.RequestServices.GetRequiredService<IApprovalRuleStore>().RemoveAsync(workspace.Id, id, actor, context.RequestAborted))
        {
            throw AdminApiException.NotFound($"Workspace '{workspace.Slug}' has no rule '{id}'.");
        }

        context.Response.Headers.CacheControl = "no-store";
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    private static string Field(string? parameter) => parameter switch
    {
        nameof(NewApprovalRule.ToolPattern) => "tool",
        nameof(NewApprovalRule.Position) => "position",
        nameof(NewApprovalRule.Note) => "note",
        nameof(NewApprovalRule.Effect) => "effect",
        _ => "tool",
    };

    private static string WithoutParameterName(ArgumentException ex) =>
        ex.ParamName is { } name ? ex.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : ex.Message;

    private static JsonObject ToJson(ApprovalRule rule) => new()
    {
        ["id"] = rule.Id,
        ["position"] = rule.Position,
        ["tool"] = rule.ToolPattern,
        ["when"] = rule.Condition.Text,
        ["effect"] = rule.Effect.ToName(),
        ["note"] = rule.Note,
        ["created_at"] = AdminJson.Time(rule.CreatedAt),
    };
}
