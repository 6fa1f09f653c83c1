using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Instructions;
using Connectors.Mcp.Core.Json;
using Connectors.Mcp.Core.Pipeline.Audit;
using Connectors.Mcp.Core.Pipeline.Execution;
using Connectors.Mcp.Core.Pipeline.Idempotency;
using Connectors.Mcp.Core.Storage;

namespace Connectors.Mcp.Core.Pipeline.Approval;

/// <summary>
/// Runs an approved action exactly once, whoever asks (the CLI after <c>approvals approve</c>, or <c>get_approval</c>)
/// and however often: the first caller claims it (approved → running) and runs it; everyone else gets its state.
/// The arguments run are the stored ones, checked against the hash the decision was bound to. Once claimed, the run is
/// not the caller's any more: it runs under its own token, bounded by <see cref="ApprovalLease.RunTimeout"/> (inside the
/// claim's lease), so a client that cancels or goes away cannot leave the approval half run; and a run that throws
/// releases its claim at once (<see cref="IApprovalStore.ReleaseClaimAsync"/>) instead of waiting for the lease.
/// </summary>
public sealed class ApprovedActionRunner
{
    private readonly IApprovalStore _approvals;
    private readonly IWorkspaceStore _workspaces;
    private readonly IConnectorStore _connectors;
    private readonly ConnectorRegistry _registry;
    private readonly ConnectorInvoker _invoker;
    private readonly TimeProvider _time;

    public ApprovedActionRunner(IApprovalStore approvals, IWorkspaceStore workspaces, IConnectorStore connectors, ConnectorRegistry registry, ConnectorInvoker invoker, TimeProvider time)
    {
        _time = time;
        _approvals = approvals;
        _workspaces = workspaces;
        _connectors = connectors;
        _registry = registry;
        _invoker = invoker;
    }

    /// <summary>
    /// Claims and runs the approval if it is approved and unclaimed; otherwise reports its current state.
    /// <paramref name="cancellationToken"/> covers finding and claiming only: once claimed, the run goes to its end.
    /// </summary>
    /// <exception cref="EntityNotFoundException">Unknown approval id.</exception>
    public async Task<ToolOutcome> RunAsync(string approvalId, CancellationToken cancellationToken)
    {
        var approval = await _approvals.FindAsync(approvalId, cancellationToken)
            ?? throw new EntityNotFoundException($"No approval '{approvalId}'. {CliInstructions.ApprovalsList("SLUG")} shows a workspace's approvals.");
        if (approval.Status != ApprovalStatus.Approved || !await _approvals.TryClaimAsync(approvalId, ClaimKey(approval), cancellationToken))
        {
            return await ReportAsync(approvalId, cancellationToken);
        }

        using var run = new CancellationTokenSource(ApprovalLease.RunTimeout, _time);
        ToolOutcome outcome;
        try
        {
            outcome = await ExecuteClaimedAsync(approval, run.Token);
        }
        catch (OperationCanceledException) when (run.IsCancellationRequested)
        {
            outcome = ToolOutcome.Error(
                $"{approval.Tool} did not finish within {ApprovalLease.RunTimeout.TotalMinutes:0} minutes and was abandoned; whether it reached the provider is unknown, and it will not be re-run. See the audit log.");
        }
        catch (Exception)
        {
            // Whatever went wrong, the claim must not outlive this run: settled now (failed if its run left an audit
            // row, back to approved if provably nothing was sent).
            await _approvals.ReleaseClaimAsync(approvalId, CancellationToken.None);
            throw;
        }

        try
        {
            await _approvals.CompleteAsync(approvalId, !outcome.IsError, outcome.IsError ? null : outcome.StructuredContent?.ToJsonString(), outcome.IsError ? outcome.Text : null, CancellationToken.None);
        }
        catch (InvalidStateException)
        {
            // The claim was settled as interrupted meanwhile (its lease ran out): the stored state stays the reported one.
        }

        return outcome;
    }

    /// <summary>The approval's state as a tool result (structured, for <c>get_approval</c>).</summary>
    public async Task<ToolOutcome> ReportAsync(string approvalId, CancellationToken cancellationToken)
    {
        var current = await _approvals.FindAsync(approvalId, cancellationToken)
            ?? throw new EntityNotFoundException($"No approval '{approvalId}'.");
        return new ToolOutcome(false, ApprovalView.Describe(current), ApprovalView.ToJson(current));
    }

    /// <summary>The idempotency key a write run of this approval claims (as <see cref="ExecuteClaimedAsync"/> computes it); null when the arguments cannot be read.</summary>
    private static string? ClaimKey(ApprovalRecord approval)
    {
        if (JsonNode.Parse(approval.ArgumentsJson) is not JsonObject arguments)
        {
            return null;
        }

        var (connectorArguments, key) = IdempotencyKeys.Extract(arguments);
        return key ?? IdempotencyKeys.Derive(approval.WorkspaceId, approval.Tool, connectorArguments);
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

        if (!connector.Publishes(action.Name))
        {
            return ToolOutcome.Error($"{approval.Tool} cannot run: connector '{connector.Name}' no longer publishes it. Publish it again ({CliInstructions.ConnectorSetTools(connector.Id, "--all")} or the console) and ask the agent to make the request again.");
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
