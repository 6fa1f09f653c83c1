using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Pipeline.Idempotency;
using Connectors.Mcp.Core.Storage;

namespace Connectors.Mcp.Hosting.Admin;

/// <summary>
/// An approval as the admin API shows it: exactly what will run (the stored arguments, bound by their hash, without
/// the idempotency key), its connector, and who asked — the caller on the audit row that queued it.
/// </summary>
public sealed class AdminApprovalView(IWorkspaceStore workspaces, IConnectorStore connectors, IAuditLog audit)
{
    public static string StatusName(ApprovalStatus status) => status.ToString().ToLowerInvariant();

    public async Task<JsonObject> ToJsonAsync(ApprovalRecord approval, CancellationToken cancellationToken)
    {
        var workspace = await workspaces.FindByIdAsync(approval.WorkspaceId, cancellationToken);
        var connector = await connectors.FindAsync(approval.ConnectorId, cancellationToken);
        var requestedBy = (await audit.QueryAsync(
                new AuditQuery(approval.WorkspaceId) { ApprovalId = approval.Id, Status = AuditStatus.PendingApproval, Limit = 1 }, cancellationToken))
            .FirstOrDefault()?.Caller;
        var arguments = JsonNode.Parse(approval.ArgumentsJson) as JsonObject ?? [];
        arguments.Remove(IdempotencyKeys.ArgumentName);
        return new JsonObject
        {
            ["id"] = approval.Id,
            ["workspace"] = workspace?.Slug,
            ["connector"] = new JsonObject
            {
                ["id"] = approval.ConnectorId,
                ["name"] = connector?.Name,
                ["type"] = connector?.Type,
            },
            ["tool"] = approval.Tool,
            ["action"] = approval.Action,
            ["status"] = StatusName(approval.Status),
            ["summary"] = approval.Summary,
            ["arguments"] = arguments,
            ["requested_by"] = requestedBy,
            ["created_at"] = AdminJson.Time(approval.CreatedAt),
            ["expires_at"] = AdminJson.Time(approval.ExpiresAt),
            ["decided_at"] = AdminJson.Time(approval.DecidedAt),
            ["decided_by"] = approval.DecidedBy,
            ["reason"] = approval.Reason,
            ["result"] = approval.ResultJson is null ? null : JsonNode.Parse(approval.ResultJson),
            ["error"] = approval.Error,
        };
    }
}
