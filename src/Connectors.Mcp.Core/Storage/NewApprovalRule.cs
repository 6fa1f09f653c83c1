using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Pipeline.Approval.Rules;

namespace Connectors.Mcp.Core.Storage;

/// <summary>A rule to add; <see cref="Position"/> <c>null</c> appends it after the workspace's last rule.</summary>
public sealed record NewApprovalRule(
    string WorkspaceId,
    string ToolPattern,
    RuleCondition Condition,
    ApprovalPolicy Effect,
    string? Note,
    int? Position = null);
