using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Hosting.Admin;

/// <summary>
/// <c>GET /admin/api/audit?workspace=SLUG[&amp;connector&amp;tool&amp;status&amp;since&amp;until&amp;limit&amp;before_id]</c>
/// (newest first, paged by <c>next_before_id</c>), <c>GET /admin/api/workspaces/{slug}/audit/verify</c> (the hash chain)
/// and <c>GET /admin/api/operator-audit[?workspace=SLUG&amp;limit&amp;before_id]</c> (operator changes, newest first).
/// Arguments are shown as stored: redacted.
/// </summary>
public static class AdminAuditEndpoints
{
    public const int MaxLimit = 500;
    public const int DefaultLimit = 100;

    public static IEndpointRouteBuilder MapAdminAudit(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/audit", AdminApi.Handle(QueryAsync));
        endpoints.MapGet("/workspaces/{slug}/audit/verify", AdminApi.Handle(VerifyAsync));
        endpoints.MapGet("/operator-audit", AdminApi.Handle(OperatorChangesAsync));
        return endpoints;
    }

    private static async Task QueryAsync(HttpContext context)
    {
        var q = context.Request.Query;
        var slug = q["workspace"].ToString();
        if (slug.Length == 0)
        {
            throw AdminApiException.Invalid("'workspace' is required: GET /admin/api/audit?workspace=SLUG.");
        }

        var workspace = await context.RequestServices.GetRequiredService<IWorkspaceStore>().FindBySlugAsync(slug, context.RequestAborted)
            ?? throw AdminApiException.NotFound($"No workspace '{slug}'.");
        var requested = Integer(q["limit"].ToString(), "limit") ?? DefaultLimit;
        if (requested is < 1 or > MaxLimit)
        {
            throw AdminApiException.Invalid($"'limit' must be 1 to {MaxLimit}; got {requested}.");
        }

        var limit = (int)requested;

        AuditStatus? status = null;
        if (q["status"].ToString() is { Length: > 0 } statusText)
        {
            try
            {
                status = AuditStatusNames.Parse(statusText);
            }
            catch (FormatException)
            {
                throw AdminApiException.Invalid($"'status' must be one of {string.Join(", ", Enum.GetValues<AuditStatus>().Select(s => s.ToName()))}; got '{statusText}'.");
            }
        }

        var query = new AuditQuery(workspace.Id)
        {
            ConnectorId = Optional(q["connector"].ToString()),
            Tool = Optional(q["tool"].ToString()),
            Status = status,
            Since = Time(q["since"].ToString(), "since"),
            Until = Time(q["until"].ToString(), "until"),
            BeforeId = Integer(q["before_id"].ToString(), "before_id"),
            Limit = limit + 1,
        };
        var rows = await context.RequestServices.GetRequiredService<IAuditLog>().QueryAsync(query, context.RequestAborted);
        var page = rows.Take(limit).ToList();
        var entries = new JsonArray(page.Select(e => (JsonNode?)ToJson(e)).ToArray());
        await AdminJson.OkAsync(context, new JsonObject
        {
            ["entries"] = entries,
            ["next_before_id"] = rows.Count > limit ? page[^1].Id : null,
        });
    }

    private static async Task VerifyAsync(HttpContext context)
    {
        var workspace = await AdminWorkspaceEndpoints.RequireAsync(context);
        var verification = await context.RequestServices.GetRequiredService<IAuditLog>().VerifyAsync(workspace.Id, context.RequestAborted);
        await AdminJson.OkAsync(context, new JsonObject
        {
            ["intact"] = verification.Intact,
            ["rows"] = verification.RowsChecked,
            ["problem"] = verification.Problem,
        });
    }

    private static async Task OperatorChangesAsync(HttpContext context)
    {
        var q = context.Request.Query;
        var requested = Integer(q["limit"].ToString(), "limit") ?? DefaultLimit;
        if (requested is < 1 or > MaxLimit)
        {
            throw AdminApiException.Invalid($"'limit' must be 1 to {MaxLimit}; got {requested}.");
        }

        var limit = (int)requested;
        var query = new OperatorAuditQuery { BeforeId = Integer(q["before_id"].ToString(), "before_id"), Limit = limit + 1 };
        if (q["workspace"].ToString() is { Length: > 0 } slug)
        {
            var workspace = await context.RequestServices.GetRequiredService<IWorkspaceStore>().FindBySlugAsync(slug, context.RequestAborted)
                ?? throw AdminApiException.NotFound($"No workspace '{slug}'.");
            query = query with { WorkspaceId = workspace.Id };
        }

        var rows = await context.RequestServices.GetRequiredService<IOperatorAuditLog>().QueryAsync(query, context.RequestAborted);
        var page = rows.Take(limit).ToList();
        await AdminJson.OkAsync(context, new JsonObject
        {
            ["changes"] = new JsonArray(page.Select(c => (JsonNode?)ToJson(c)).ToArray()),
            ["next_before_id"] = rows.Count > limit ? page[^1].Id : null,
        });
    }

    private static JsonObject ToJson(OperatorChange change) => new()
    {
        ["id"] = change.Id,
        ["at"] = AdminJson.Time(change.At),
        ["actor"] = change.Actor,
        ["workspace"] = change.WorkspaceSlug,
        ["workspace_id"] = change.WorkspaceId,
        ["action"] = change.Action,
        ["target"] = change.Target,
        ["old_value"] = change.OldValue,
        ["new_value"] = change.NewValue,
    };

    private static JsonObject ToJson(AuditEntry entry)
    {
        JsonNode? arguments;
        try
        {
            arguments = JsonNode.Parse(entry.ArgumentsJson);
        }
        catch (JsonException)
        {
            arguments = entry.ArgumentsJson;
        }

        return new JsonObject
        {
            ["id"] = entry.Id,
            ["sequence"] = entry.Sequence,
            ["tool"] = entry.Tool,
            ["action"] = entry.Action,
            ["connector_id"] = entry.ConnectorId,
            ["status"] = entry.Status.ToName(),
            ["error_code"] = entry.ErrorCode,
            ["error_message"] = entry.ErrorMessage,
            ["decision"] = entry.Decision,
            ["approval_id"] = entry.ApprovalId,
            ["caller"] = entry.Caller,
            ["arguments"] = arguments,
            ["started_at"] = AdminJson.Time(entry.StartedAt),
            ["finished_at"] = AdminJson.Time(entry.FinishedAt),
        };
    }

    private static string? Optional(string value) => value.Length == 0 ? null : value;

    private static long? Integer(string value, string name) =>
        value.Length == 0 ? null
        : long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number
        : throw AdminApiException.Invalid($"'{name}' must be an integer; got '{value}'.");

    private static DateTimeOffset? Time(string value, string name) =>
        value.Length == 0 ? null
        : DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time) ? time
        : throw AdminApiException.Invalid($"'{name}' must be an ISO 8601 time such as 2026-11-26T09:00:00Z; got '{value}'.");
}
