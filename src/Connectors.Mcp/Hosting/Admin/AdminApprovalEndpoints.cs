using System.Globalization;
using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Pipeline.Approval;
using Connectors.Mcp.Core.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Hosting.Admin;

/// <summary>
/// <c>GET /admin/api/approvals[?workspace=SLUG&amp;status=…&amp;limit=N&amp;before_id=ID]</c> (newest first, paged by
/// <c>next_before_id</c>, with the count per workspace), <c>GET /admin/api/approvals/{id}</c>, and
/// <c>POST …/{id}/approve</c> (decide, then run once through <see cref="ApprovedActionRunner"/>, like
/// <c>approvals approve</c>) and <c>POST …/{id}/deny</c>; deciding anything but a pending approval is 409.
/// </summary>
public static class AdminApprovalEndpoints
{
    public const int MaxLimit = 200;
    public const int DefaultLimit = 100;

    private static readonly string[] Statuses = ["pending", "approved", "running", "succeeded", "failed", "denied", "expired", "all"];

    public static IEndpointRouteBuilder MapAdminApprovals(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/approvals", AdminApi.Handle(ListAsync));
        endpoints.MapGet("/approvals/{id}", AdminApi.Handle(GetAsync));
        endpoints.MapPost("/approvals/{id}/approve", AdminApi.Handle(ApproveAsync));
        endpoints.MapPost("/approvals/{id}/deny", AdminApi.Handle(DenyAsync));
        return endpoints;
    }

    private static async Task ListAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var ct = context.RequestAborted;
        var q = context.Request.Query;
        var statusText = q["status"].ToString();
        if (statusText.Length == 0)
        {
            statusText = "pending";
        }

        if (!Statuses.Contains(statusText, StringComparer.Ordinal))
        {
            throw AdminApiException.Invalid($"'status' must be one of {string.Join(", ", Statuses)}; got '{Shown(statusText)}'.");
        }

        var limitText = q["limit"].ToString();
        var limit = DefaultLimit;
        if (limitText.Length > 0 && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            throw AdminApiException.Invalid($"'limit' must be a whole number from 1 to {MaxLimit}; got '{Shown(limitText)}'.");
        }

        ApprovalStatus? status = statusText == "all" ? null : Enum.Parse<ApprovalStatus>(statusText, ignoreCase: true);
        var workspaceStore = services.GetRequiredService<IWorkspaceStore>();
        var slug = q["workspace"].ToString();
        var scope = slug.Length > 0
            ? await workspaceStore.FindBySlugAsync(slug, ct) ?? throw AdminApiException.NotFound($"No workspace '{Shown(slug)}'.")
            : null;
        var workspaces = await workspaceStore.ListAsync(ct);

        var store = services.GetRequiredService<IApprovalStore>();
        var beforeId = q["before_id"].ToString();
        if (beforeId.Length > 0 && await store.FindAsync(beforeId, ct) is null)
        {
            throw AdminApiException.Invalid($"'before_id' must be the id of an approval (the next_before_id of the previous page); there is no '{Shown(beforeId)}'.");
        }

        var page = await store.ListPageAsync(
            new ApprovalPageQuery { WorkspaceId = scope?.Id, Status = status, BeforeId = beforeId.Length > 0 ? beforeId : null, Limit = limit }, ct);
        var counts = await store.CountByWorkspaceAsync(status, ct);
        await AdminJson.OkAsync(context, new JsonObject
        {
            ["approvals"] = await services.GetRequiredService<AdminApprovalView>().ToJsonAsync(page.Approvals, ct),
            ["next_before_id"] = page.NextBeforeId,
            ["total"] = scope is null ? counts.Values.Sum() : counts.GetValueOrDefault(scope.Id),
            ["counts"] = new JsonArray(workspaces
                .OrderBy(w => w.Slug, StringComparer.Ordinal)
                .Select(w => (JsonNode?)new JsonObject { ["workspace"] = w.Slug, ["count"] = counts.GetValueOrDefault(w.Id) })
                .ToArray()),
        });
    }

    /// <summary>A query value as echoed in an error: short, so a huge parameter does not come back whole.</summary>
    private static string Shown(string value) => value.Length <= 100 ? value : value[..100] + "…";

    private static async Task GetAsync(HttpContext context)
    {
        var approval = await FindAsync(context);
        await AdminJson.OkAsync(context, await context.RequestServices.GetRequiredService<AdminApprovalView>().ToJsonAsync(approval, context.RequestAborted));
    }

    private static async Task ApproveAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var runner = services.GetRequiredService<ApprovedActionRunner>();
        var reason = AdminJson.OptionalString(await AdminJson.ReadObjectAsync(context), "reason");
        // Approved but never run (its runner was interrupted before anything was sent): approving again runs it, as
        // `approvals approve` does; anything else must still be pending.
        var existing = await FindAsync(context);
        var approval = existing.Status == ApprovalStatus.Approved ? existing : await DecideAsync(context, approve: true, reason);

        // Not the request's token: once decided, the run goes to its end (it is bounded) even if the browser goes away,
        // so the approval is never left claimed but unfinished by a closed tab.
        var outcome = await runner.RunAsync(approval.Id, CancellationToken.None);
        var current = await services.GetRequiredService<IApprovalStore>().FindAsync(approval.Id, CancellationToken.None) ?? approval;
        await AdminJson.OkAsync(context, new JsonObject
        {
            ["approval"] = await services.GetRequiredService<AdminApprovalView>().ToJsonAsync(current, CancellationToken.None),
            ["outcome"] = new JsonObject { ["is_error"] = outcome.IsError, ["text"] = outcome.Text },
        });
    }

    private static async Task DenyAsync(HttpContext context)
    {
        var reason = AdminJson.OptionalString(await AdminJson.ReadObjectAsync(context), "reason");
        var approval = await DecideAsync(context, approve: false, reason);
        await AdminJson.OkAsync(context, new JsonObject
        {
            ["approval"] = await context.RequestServices.GetRequiredService<AdminApprovalView>().ToJsonAsync(approval, context.RequestAborted),
        });
    }

    private static async Task<ApprovalRecord> DecideAsync(HttpContext context, bool approve, string? reason)
    {
        var approval = await FindAsync(context);
        try
        {
            return await context.RequestServices.GetRequiredService<ApprovalDecisions>()
                .DecideAsync(approval.Id, approve, AdminApi.Caller(context).DecidedBy, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), context.RequestAborted);
        }
        catch (InvalidStateException)
        {
            var current = await context.RequestServices.GetRequiredService<IApprovalStore>().FindAsync(approval.Id, context.RequestAborted) ?? approval;
            throw AdminApiException.Conflict($"Approval {approval.Id} is {AdminApprovalView.StatusName(current.Status)}, not pending: it can no longer be {(approve ? "approved" : "denied")}.");
        }
    }

    private static async Task<ApprovalRecord> FindAsync(HttpContext context)
    {
        var id = context.Request.RouteValues["id"] as string ?? "";
        return await context.RequestServices.GetRequiredService<IApprovalStore>().FindAsync(id, context.RequestAborted)
            ?? throw AdminApiException.NotFound($"No approval '{id}'. GET /admin/api/approvals?status=all lists them.");
    }
}
