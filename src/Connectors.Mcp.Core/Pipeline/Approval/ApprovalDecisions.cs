using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Pipeline.Audit;
using Connectors.Mcp.Core.Storage;

namespace Connectors.Mcp.Core.Pipeline.Approval;

/// <summary>
/// A person's decision on a queued approval, wherever it is made (the CLI, the admin console or API). Approving only
/// records the decision — <see cref="ApprovedActionRunner"/> runs it and the run leaves its own audit rows. Denying also
/// writes the final audit row of that call (status <c>denied</c>, decision <c>denied:&lt;who&gt;</c>, the reason), so
/// the audit log shows what became of every pending call, not only the approvals table.
/// </summary>
public sealed class ApprovalDecisions
{
    /// <summary>Longest reason kept in the audit row's message (the approval keeps it whole).</summary>
    public const int MaxAuditedReasonLength = 500;

    private readonly IApprovalStore _approvals;
    private readonly IAuditLog _audit;
    private readonly IConnectorStore _connectors;
    private readonly ConnectorRegistry _registry;
    private readonly TimeProvider _time;

    public ApprovalDecisions(IApprovalStore approvals, IAuditLog audit, IConnectorStore connectors, ConnectorRegistry registry, TimeProvider time)
    {
        _approvals = approvals;
        _audit = audit;
        _connectors = connectors;
        _registry = registry;
        _time = time;
    }

    /// <summary>pending → approved | denied, recorded as decided by <paramref name="decidedBy"/>.</summary>
    /// <exception cref="EntityNotFoundException">Unknown id.</exception>
    /// <exception cref="InvalidStateException">Not pending (already decided, or expired).</exception>
    public async Task<ApprovalRecord> DecideAsync(string approvalId, bool approve, string decidedBy, string? reason, CancellationToken cancellationToken)
    {
        var decided = await _approvals.DecideAsync(approvalId, approve, decidedBy, reason, cancellationToken);
        if (!approve)
        {
            // The decision is committed: its audit row is written even if the caller has gone away meanwhile.
            await RecordDenialAsync(decided, CancellationToken.None);
        }

        return decided;
    }

    private async Task RecordDenialAsync(ApprovalRecord approval, CancellationToken cancellationToken)
    {
        // Content arguments (bodies, subjects) are audited as length + SHA-256, as on every other row of the call.
        var connector = await _connectors.FindAsync(approval.ConnectorId, cancellationToken);
        var action = connector is null ? null : _registry.Find(connector.Type)?.Actions.FirstOrDefault(a => a.Name == approval.Action);
        var arguments = JsonNode.Parse(approval.ArgumentsJson) as JsonObject ?? [];
        var redacted = AuditRedactor.Redact(arguments, action?.ContentArguments ?? []);

        var now = _time.GetUtcNow();
        var message = approval.Reason is { Length: > 0 } reason
            ? $"Denied by {approval.DecidedBy}: {(reason.Length <= MaxAuditedReasonLength ? reason : reason[..MaxAuditedReasonLength] + "…")}"
            : $"Denied by {approval.DecidedBy}.";
        var intent = new AuditIntent(approval.WorkspaceId, connector?.Id, approval.Tool, approval.Action, redacted, approval.ArgumentsHash, approval.Id, $"approval:{approval.DecidedBy}", now);
        await _audit.RecordAsync(intent, new AuditCompletion(AuditStatus.Denied, now, AuditCodes.DeniedByApprover, message, approval.Id, $"denied:{approval.DecidedBy}"), cancellationToken);
    }
}
