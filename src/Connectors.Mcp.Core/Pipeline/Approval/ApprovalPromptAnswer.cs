namespace Connectors.Mcp.Core.Pipeline.Approval;

public enum ApprovalPromptAnswer
{
    Accepted,
    Declined,
    Cancelled,

    /// <summary>The prompt could not be shown (client error, timeout): fall back to the approval queue.</summary>
    Unavailable,
}
