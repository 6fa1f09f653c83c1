using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Pipeline.Approval;
using Connectors.Mcp.Core.Pipeline.Approval.Rules;
using Connectors.Mcp.Core.Pipeline.Idempotency;
using Connectors.Mcp.Core.Storage;

namespace Connectors.Mcp.Hosting.Admin;

/// <summary>
/// An approval as the admin API shows it: exactly what will run (the stored arguments, bound by their hash, without
/// the idempotency key), its connector, who asked — the caller on the audit row that queued it — and a warning for each
/// recipient whose domain is internationalised (<see cref="RecipientDomain"/>), with its ASCII form.
/// </summary>
public sealed class AdminApprovalView(IWorkspaceStore workspaces, IConnectorStore connectors, IAuditLog audit, ConnectorRegistry registry)
{
    public static string StatusName(ApprovalStatus status) => status.ToString().ToLowerInvariant();

    public async Task<JsonObject> ToJsonAsync(ApprovalRecord approval, CancellationToken cancellationToken) =>
        await ToJsonAsync(
            approval,
            await workspaces.FindByIdAsync(approval.WorkspaceId, cancellationToken),
            await connectors.FindAsync(approval.ConnectorId, cancellationToken),
            cancellationToken);

    /// <summary>Several approvals, in the given order; each workspace and connector is read once.</summary>
    public async Task<JsonArray> ToJsonAsync(IReadOnlyList<ApprovalRecord> approvals, CancellationToken cancellationToken)
    {
        var workspaceById = new Dictionary<string, Workspace?>(StringComparer.Ordinal);
        var connectorById = new Dictionary<string, ConnectorInstance?>(StringComparer.Ordinal);
        var list = new JsonArray();
        foreach (var approval in approvals)
        {
            if (!workspaceById.TryGetValue(approval.WorkspaceId, out var workspace))
            {
                workspace = workspaceById[approval.WorkspaceId] = await workspaces.FindByIdAsync(approval.WorkspaceId, cancellationToken);
            }

            if (!connectorById.TryGetValue(approval.ConnectorId, out var connector))
            {
                connector = connectorById[approval.ConnectorId] = await connectors.FindAsync(approval.ConnectorId, cancellationToken);
            }

            list.Add(await ToJsonAsync(approval, workspace, connector, cancellationToken));
        }

        return list;
    }

    private async Task<JsonObject> ToJsonAsync(ApprovalRecord approval, Workspace? workspace, ConnectorInstance? connector, CancellationToken cancellationToken)
    {
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
            ["recipient_warnings"] = RecipientWarnings(approval, connector, arguments),
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

    /// <summary>
    /// Each recipient (the action's declared recipient arguments) whose domain is internationalised: the address as
    /// written, as sent (ASCII), and the sentence the console shows.
    /// </summary>
    private JsonArray RecipientWarnings(ApprovalRecord approval, ConnectorInstance? connector, JsonObject arguments)
    {
        var action = connector is null ? null : registry.Find(connector.Type)?.Actions.FirstOrDefault(a => a.Name == approval.Action);
        var warnings = new JsonArray();
        if (action is null)
        {
            return warnings;
        }

        foreach (var address in RuleCall.For(action, arguments, []).Recipients.Distinct(StringComparer.Ordinal))
        {
            if (RecipientDomain.Of(address) is { IsInternationalised: true } domain)
            {
                warnings.Add(new JsonObject
                {
                    ["address"] = address,
                    ["ascii_address"] = RecipientDomain.AsciiAddress(address, domain),
                    ["warning"] = domain.Warning,
                });
            }
        }

        return warnings;
    }
}
