using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Catalog;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Instructions;
using Connectors.Mcp.Core.Json;
using Connectors.Mcp.Core.Pipeline.Approval.Rules;
using Connectors.Mcp.Core.Pipeline.Idempotency;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.Options;

namespace Connectors.Mcp.Core.Pipeline.Approval;

/// <summary>
/// The approval stage. The workspace's approval rules are tried first, by position: the first whose tool pattern and
/// condition match decides instead of the tool's policy (audited as <c>rule:&lt;id&gt;:auto</c>, <c>…:deny</c>,
/// <c>…:approve;queued</c> …). Then <c>auto</c> proceeds; <c>deny</c> refuses; <c>approve</c> asks through the client
/// (elicitation) when the workspace lets the client approve and the client can, and otherwise queues an approval bound to
/// the SHA-256 of the exact arguments for a person (CLI, admin console or API). Every decision of the approve branch
/// records who was allowed to approve: <c>elicitation:accepted;approvers=client</c>, <c>queued;approvers=person</c> ….
/// A client that speaks MCP 2026-07-28 is asked instead through an input request (MRTR, <see cref="ApprovalInput"/>):
/// the question is about a pending approval bound to the exact arguments (<c>input:asked</c>), and the retried call's
/// answer decides that approval as <see cref="ClientDecider"/>; the approval's claim runs it exactly once however often
/// the answer is repeated.
/// </summary>
public sealed class ApprovalGate
{
    /// <summary>Who decided an approval the client answered through an input request (its <c>decided_by</c>).</summary>
    public const string ClientDecider = "client";

    private readonly IApprovalStore _approvals;
    private readonly ApprovalDecisions _decisions;
    private readonly ToolPipelineOptions _options;

    public ApprovalGate(IApprovalStore approvals, ApprovalDecisions decisions, IOptions<ToolPipelineOptions> options)
    {
        _approvals = approvals;
        _decisions = decisions;
        _options = options.Value;
    }

    public Task<GateDecision> DecideAsync(WorkspaceCatalog catalog, CatalogTool tool, JsonObject arguments, string argumentsHash, IApprovalPrompt? prompt, CancellationToken cancellationToken) =>
        DecideAsync(catalog, tool, arguments, argumentsHash, prompt, null, cancellationToken);

    public async Task<GateDecision> DecideAsync(WorkspaceCatalog catalog, CatalogTool tool, JsonObject arguments, string argumentsHash, IApprovalPrompt? prompt, ApprovalInput? input, CancellationToken cancellationToken)
    {
        // Rules first (connector tools only; meta tools are never gated): the first matching rule's effect replaces the
        // tool's policy. They see the arguments the connector will get, without the pipeline's idempotency key.
        var rule = tool.Action is { } action
            ? RuleEvaluator.FirstMatch(catalog.Rules, tool.Name, action, IdempotencyKeys.Extract(arguments).Arguments, catalog.Workspace.Domains)
            : null;
        var decidedBy = rule is null ? null : $"rule:{rule.Id}:";
        switch (rule?.Effect ?? tool.Policy)
        {
            case ApprovalPolicy.Auto:
                return new GateDecision(GateVerdict.Proceed, decidedBy is null ? "policy:auto" : decidedBy + "auto");
            case ApprovalPolicy.Deny when rule is not null:
                return new GateDecision(GateVerdict.Denied, decidedBy + "deny",
                    $"Workspace '{catalog.Workspace.Slug}' does not allow this {tool.Name} call: rule {rule.Id} ({tool.Name} matches '{rule.ToolPattern}' when {rule.Condition.Text}: deny) refused it; nothing was done. Tell the user; an administrator can review the rules with {CliInstructions.PolicyRuleList(catalog.Workspace.Slug)}.");
            case ApprovalPolicy.Deny:
                return new GateDecision(GateVerdict.Denied, "policy:deny",
                    $"Workspace '{catalog.Workspace.Slug}' does not allow {tool.Name} (policy: deny). Tell the user; an administrator can change it with {CliInstructions.PolicySet(catalog.Workspace.Slug, tool.Name, "approve")}.");
        }

        // Approve: what followed is recorded after the rule that asked for it, e.g. rule:rul_x:approve;queued, and followed
        // by who was allowed to approve. Only under 'client' is the client asked; under 'person' its answer never counts.
        var prefix = decidedBy is null ? string.Empty : decidedBy + "approve;";
        var approvers = catalog.Workspace.Approvers ?? _options.DefaultApprovers;
        var suffix = ApproversNames.AuditSuffix(approvers);
        var summary = Summarize(tool, arguments);
        if (input is not null && approvers == Approvers.Client)
        {
            // An answer counts only while the workspace lets the client approve (checked again here, at the retry).
            if (input.Answer is { } answer && await AnsweredAsync(catalog, tool, argumentsHash, answer, prefix, suffix, cancellationToken) is { } answered)
            {
                return answered;
            }

            if (input.CanAsk)
            {
                var asked = await PendingApprovalAsync(catalog, tool, arguments, argumentsHash, summary, cancellationToken);
                return new GateDecision(GateVerdict.AskClient, prefix + "input:asked" + suffix, Approval: asked.Approval);
            }
        }

        if (prompt is not null && approvers == Approvers.Client)
        {
            var answer = await AskAsync(prompt, tool.Name, summary, cancellationToken);
            switch (answer)
            {
                case ApprovalPromptAnswer.Accepted:
                    return new GateDecision(GateVerdict.Proceed, prefix + "elicitation:accepted" + suffix);
                case ApprovalPromptAnswer.Declined:
                case ApprovalPromptAnswer.Cancelled:
                    var word = answer == ApprovalPromptAnswer.Declined ? "declined" : "cancelled";
                    return new GateDecision(GateVerdict.Denied, prefix + $"elicitation:{word}" + suffix,
                        $"The user {word} {tool.Name}; nothing was done. Do not retry unless the user asks again.");
            }
        }

        var (approval, existed) = await PendingApprovalAsync(catalog, tool, arguments, argumentsHash, summary, cancellationToken);
        return new GateDecision(GateVerdict.Pending, prefix + (existed ? "queued:existing" : "queued") + suffix, Approval: approval);
    }

    /// <summary>The readable account of the call for the approver: the action's own, else its arguments.</summary>
    public static string Summarize(CatalogTool tool, JsonObject arguments)
    {
        // The action describes its own arguments; the idempotency key (bound into the approval) is the pipeline's.
        var described = tool.Action?.Describe?.Invoke(IdempotencyKeys.Extract(arguments).Arguments);
        var body = string.IsNullOrWhiteSpace(described)
            ? string.Join('\n', arguments.Select(p => $"{p.Key}: {Shorten(p.Value?.ToJsonString() ?? "null")}"))
            : described;
        return $"{tool.Name} on connector '{tool.Connector?.Name}' wants to:\n{body}";
    }

    /// <summary>The pending approval of exactly these arguments: the one already queued, else a new one.</summary>
    private async Task<(ApprovalRecord Approval, bool Existed)> PendingApprovalAsync(WorkspaceCatalog catalog, CatalogTool tool, JsonObject arguments, string argumentsHash, string summary, CancellationToken cancellationToken)
    {
        var existing = await _approvals.FindPendingAsync(catalog.Workspace.Id, tool.Name, argumentsHash, cancellationToken);
        return existing is not null
            ? (existing, true)
            : (await _approvals.CreateAsync(
                new NewApproval(catalog.Workspace.Id, tool.Connector!.Id, tool.Name, tool.Action!.Name, CanonicalJson.Serialize(arguments), argumentsHash, summary, _options.ApprovalLifetime),
                cancellationToken), false);
    }

    /// <summary>
    /// The retried call's answer, when it is about a pending approval of this workspace, tool and exact arguments:
    /// accept approves it, decline or cancel denies it (both as <see cref="ClientDecider"/>). An approval already past
    /// pending (a repeated retry, a person deciding first, expiry) is left as it is and reported. Null when the answer
    /// names no such approval: then the call is asked again, or queued.
    /// </summary>
    private async Task<GateDecision?> AnsweredAsync(WorkspaceCatalog catalog, CatalogTool tool, string argumentsHash, ApprovalInputAnswer answer, string prefix, string suffix, CancellationToken cancellationToken)
    {
        var approval = await _approvals.FindAsync(answer.ApprovalId, cancellationToken);
        if (approval is null || approval.WorkspaceId != catalog.Workspace.Id || approval.Tool != tool.Name || approval.ArgumentsHash != argumentsHash
            || answer.Answer == ApprovalPromptAnswer.Unavailable)
        {
            return null;
        }

        if (approval.Status != ApprovalStatus.Pending)
        {
            return new GateDecision(GateVerdict.Answered, prefix + "input:already-decided" + suffix, Approval: approval);
        }

        var accepted = answer.Answer == ApprovalPromptAnswer.Accepted;
        try
        {
            approval = await _decisions.DecideAsync(approval.Id, accepted, ClientDecider, null, cancellationToken);
        }
        catch (InvalidStateException)
        {
            // Decided or expired meanwhile (a concurrent retry, a person): report what it is now.
            return new GateDecision(GateVerdict.Answered, prefix + "input:already-decided" + suffix, Approval: await _approvals.FindAsync(approval.Id, cancellationToken) ?? approval);
        }

        if (accepted)
        {
            return new GateDecision(GateVerdict.Answered, prefix + "input:accepted" + suffix, Approval: approval);
        }

        var word = answer.Answer == ApprovalPromptAnswer.Declined ? "declined" : "cancelled";
        return new GateDecision(GateVerdict.Answered, prefix + $"input:{word}" + suffix,
            $"The user {word} {tool.Name}; nothing was done. Do not retry unless the user asks again.", approval);
    }

    private async Task<ApprovalPromptAnswer> AskAsync(IApprovalPrompt prompt, string toolName, string summary, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ElicitationTimeout);
        try
        {
            return await prompt.AskAsync(toolName, summary, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ApprovalPromptAnswer.Unavailable;
        }
    }

    private static string Shorten(string value) => value.Length <= 200 ? value : value[..200] + "…";
}
