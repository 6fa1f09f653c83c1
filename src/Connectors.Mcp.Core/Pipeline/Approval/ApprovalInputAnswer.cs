namespace Connectors.Mcp.Core.Pipeline.Approval;

/// <summary>
/// The person's answer a retried call carries, about the approval its question named. It counts only for a pending
/// approval of the same workspace, tool and exact arguments (hash), while the workspace lets the client approve.
/// </summary>
public sealed record ApprovalInputAnswer(string ApprovalId, ApprovalPromptAnswer Answer);
