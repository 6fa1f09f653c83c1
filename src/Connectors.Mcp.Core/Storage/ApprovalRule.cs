using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Pipeline.Approval.Rules;

namespace Connectors.Mcp.Core.Storage;

/// <summary>
/// A workspace's approval rule: for a tool matching <see cref="ToolPattern"/> (an exact tool name or a glob with
/// <c>*</c>) whose arguments satisfy <see cref="Condition"/>, the approval stage applies <see cref="Effect"/> instead of
/// the tool's policy. Rules are tried in <see cref="Position"/> order (1 = first); the first that matches decides.
/// </summary>
public sealed record ApprovalRule(
    string Id,
    string WorkspaceId,
    int Position,
    string ToolPattern,
    RuleCondition Condition,
    ApprovalPolicy Effect,
    string? Note,
    DateTimeOffset CreatedAt);
