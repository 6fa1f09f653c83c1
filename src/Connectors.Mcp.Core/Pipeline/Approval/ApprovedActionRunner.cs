using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Json;
using Connectors.Mcp.Core.Pipeline.Audit;
using Connectors.Mcp.Core.Pipeline.Execution;
using Connectors.Mcp.Core.Pipeline.Idempotency;
using Connectors.Mcp.Core.Storage;

namespace Connectors.Mcp.Core.Pipeline.Approval;

/// <summary>
/// Runs an approved action exactly once, whoever asks (the CLI after <c>approvals approve</c>, or <c>get_approval</c>)
/// and however often: the first caller claims it (approved → running) and runs it; everyone else gets its state.
/// The arguments run are the stored ones, checked against the hash the decision was bound to.
/// </summary>
public sealed class ApprovedActionRunner
{
    private readonly IApprovalStore _approvals;
    private readonly IWorkspaceStore _workspaces;
    private readonly IConnectorStore _connectors;
    private readonly ConnectorRegistry _registry;
    private readonly ConnectorInvoker _invoker;

    public ApprovedActionRunner(IApprovalStore approvals, IWorkspaceStore workspaces, IConnectorStore connectors, ConnectorRegistry registry, ConnectorInvoker invoker)
    {
        _approvals = approvals;
        _workspaces = workspaces;
        _connectors = connectors;
        _registry = registry;
        _invoker = invoker;
    }

    /// <summary>Claims and runs the approval if it is approved and unclaimed; otherwise reports its current state.</summary>
    /// <exception cref="EntityNotFoundException">Unknown approval id.</exception>
    public async Task<ToolOutcome> RunAsync(string approvalId, CancellationToken cancellationToken)
    {
        var approval = await _approvals.FindAsync(approvalId, cancellationToken)
            ?? throw new EntityNotFoundException($"No approval '{approvalId}'. `connectors-mcp approvals list SLUG` shows a workspace's approvals.");
        if (approval.Status != ApprovalStatus.Approved || !await _approvals.TryClaimAsync(approvalId, cancellationToken))
        {
            return await ReportAsync(approvalId, cancellationToken);
        }

        ToolOutcome outcome;
        try
        {
            outcome = await ExecuteClaimedAsync(approval, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await _approvals.CompleteAsync(approvalId, false, null, "cancelled before the action finished; see the audit log", CancellationToken.None);
            throw;
        }

        await _approvals.CompleteAsync(approvalId, !outcome.IsError, outcome.IsError ? null : outcome.StructuredContent?.ToJsonString(), outcome.IsError ? outcome.Text : null, CancellationToken.None);
        return outcome;
    }

    /// <summary>The approval's state as a tool result (structured, for <c>get_approval</c>).</summary>
    public async Task<ToolOutcome> ReportAsync(string approvalId, CancellationToken cancellationToken)
    {
        var current = await _approvals.FindAsync(approvalId, cancellationToken)
            ?? throw new EntityNotFoundException($"No approval '{approvalId}'.");
        return new ToolOutcome(false, ApprovalView.Describe(current), ApprovalView.ToJson(current));
    }

    private async Task<ToolOutcome> ExecuteClaimedAsync(ApprovalRecord approval, CancellationToken cancellationToken)
    {
        var workspace = await _workspaces.FindByIdAsync(approval.WorkspaceId, cancellationToken);
        var connector = await _connectors.FindAsync(approval.ConnectorId, cancellationToken);
        var type = connector is null ? null : _registry.Find(connector.Type);
        var action = type?.Actions.FirstOrDefault(a => a.Name == approval.Action);
        if (workspace is null || connector is null || type is null || action is null)
        {
            return ToolOutcome.Error($"{approval.Tool} cannot run: its connector was removed after the request was made.");
        }

        if (connector.Status is ConnectorStatus.Disabled or ConnectorStatus.Error)
        {
            return ToolOutcome.Error($"{approval.Tool} cannot run: connector '{connector.Name}' is {connector.Status.ToName()}. Enable it and ask the agent to make the request again.");
        }

        var arguments = JsonNode.Parse(approval.ArgumentsJson) as JsonObject;
        if (arguments is null || CanonicalJson.Sha256(arguments) != approval.ArgumentsHash)
        {
            return ToolOutcome.Error($"{approval.Tool} did not run: the stored arguments do not match what was approved.");
        }

        // The approval bound the idempotency key with the arguments; the run records its outcome under that key.
        var (connectorArguments, key) = action.IsReadOnly ? (arguments, null) : IdempotencyKeys.Extract(arguments);
        if (!action.IsReadOnly)
        {
            key ??= IdempotencyKeys.Derive(workspace.Id, approval.Tool, connectorArguments);
        }

        var call = new ConnectorCall(workspace, connector, type, action, approval.Tool, connectorArguments, AuditRedactor.Redact(arguments, action.ContentArguments),
            approval.ArgumentsHash, approval.Id, $"approved:{approval.DecidedBy}", $"approval:{approval.DecidedBy}")
        {
            IdempotencyKey = key,
        };
        return await _invoker.InvokeAsync(call, cancellationToken);
    }
}
