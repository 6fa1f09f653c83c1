namespace Connectors.Mcp.Core.Pipeline.Approval;

/// <summary>
/// Asks the person at the client, while the call waits (MCP elicitation). The host supplies one only when the client
/// declared the elicitation capability; otherwise the gate queues the approval.
/// </summary>
public interface IApprovalPrompt
{
    Task<ApprovalPromptAnswer> AskAsync(string toolName, string summary, CancellationToken cancellationToken);
}
