using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Storage;

namespace Connectors.Mcp.Core.Pipeline.Approval.Rules;

/// <summary>
/// Picks the rule that decides a call: the first, by position, whose tool pattern matches the tool and whose condition
/// the call satisfies. Pure: no I/O, no clock.
/// </summary>
public static class RuleEvaluator
{
    /// <param name="rules">The workspace's rules, in position order.</param>
    /// <param name="toolName">The published tool name, e.g. <c>gmail_send_email</c>.</param>
    /// <param name="action">The connector action behind the tool (its recipient arguments).</param>
    /// <param name="arguments">The validated arguments, without the idempotency key.</param>
    /// <param name="workspaceDomains">The workspace's own domains (what <c>workspace</c> stands for).</param>
    /// <returns>The deciding rule, or <c>null</c> when none matches (the tool's policy decides).</returns>
    public static ApprovalRule? FirstMatch(IReadOnlyList<ApprovalRule> rules, string toolName, ConnectorAction action, JsonObject arguments, IReadOnlyList<string> workspaceDomains)
    {
        RuleCall? call = null;
        foreach (var rule in rules.OrderBy(r => r.Position))
        {
            if (!ToolPattern.Matches(rule.ToolPattern, toolName))
            {
                continue;
            }

            call ??= RuleCall.For(action, arguments, workspaceDomains);
            if (rule.Condition.IsMetBy(call))
            {
                return rule;
            }
        }

        return null;
    }
}
