using System.CommandLine;
using Connectors.Mcp.Commands.Shared;

namespace Connectors.Mcp.Commands.Policies;

/// <summary><c>policy rule add|list|remove</c>.</summary>
internal sealed class PolicyRuleCommand : Command
{
    public PolicyRuleCommand(CliContext context)
        : base("rule", "Approval rules on arguments: tried in order before a tool's policy; the first that matches decides (auto, approve or deny). See docs/approval-rules.md.")
    {
        Add(new PolicyRuleAddCommand(context));
        Add(new PolicyRuleListCommand(context));
        Add(new PolicyRuleRemoveCommand(context));
    }
}
