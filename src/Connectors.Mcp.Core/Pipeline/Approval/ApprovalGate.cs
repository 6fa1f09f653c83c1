using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Catalog;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Json;
using Connectors.Mcp.Core.Pipeline.Idempotency;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.Options;

namespace Connectors.Mcp.Core.Pipeline.Approval;

/// <summary>
/// The approval stage. <c>auto</c> proceeds; <c>deny</c> refuses; <c>approve</c> asks the person through the client
/// when it can (elicitation) and otherwise queues an approval bound to the SHA-256 of the exact arguments.
/// </summary>
public sealed class ApprovalGate
{
    private readonly IApprovalStore _approvals;
    private readonly ToolPipelineOptions _options;

    public ApprovalGate(IApprovalStore approvals, IOptions<ToolPipelineOptions> options)
    {
        _approvals = approvals;
        _options = options.Value;
    }

    public async Task<GateDecision> DecideAsync(WorkspaceCatalog catalog, CatalogTool tool, JsonObject arguments, string argumentsHash, IApprovalPrompt? prompt, CancellationToken cancellationToken)
    {
        switch (tool.Policy)
        {
            case ApprovalPolicy.Auto:
                return new GateDecision(GateVerdict.Proceed, "policy:auto");
            case ApprovalPolicy.Deny:
                return new GateDecision(GateVerdict.Denied, "policy:deny",
                    $"Workspace '{catalog.Workspace.Slug}' does not allow {tool.Name} (policy: deny). Tell the user; an administrator can change it with `connectors-mcp policy set {catalog.Workspace.Slug} {tool.Name} approve`.");
        }

        var summary = Summarize(tool, arguments);
        if (prompt is not null)
        {
            var answer = await AskAsync(prompt, tool.Name, summary, cancellationToken);
            switch (answer)
            {
                case ApprovalPromptAnswer.Accepted:
                    return new GateDecision(GateVerdict.Proceed, "elicitation:accepted");
                case ApprovalPromptAnswer.Declined:
                case ApprovalPromptAnswer.Cancelled:
                    var word = answer == ApprovalPromptAnswer.Declined ? "declined" : "cancelled";
                    return new GateDecision(GateVerdict.Denied, $"elicitation:{word}",
                        $"The user {word} {tool.Name}; nothing was done. Do not retry unless the user asks again.");
            }
        }

        var existing = await _approvals.FindPendingAsync(catalog.Workspace.Id, tool.Name, argumentsHash, cancellationToken);
        var approval = existing ?? await _approvals.CreateAsync(
            new NewApproval(catalog.Workspace.Id, tool.Connector!.Id, tool.Name, tool.Action!.Name, CanonicalJson.Serialize(arguments), argumentsHash, summary, _options.ApprovalLifetime),
            cancellationToken);
        return new GateDecision(GateVerdict.Pending, existing is null ? "queued" : "queued:existing", Approval: approval);
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
