using System.CommandLine;
using Connectors.Mcp.Commands.Shared;

namespace Connectors.Mcp.Commands.Policies;

/// <summary><c>policy set</c>, <c>policy rule add|list|remove</c>.</summary>
internal sealed class PolicyCommand : Command
{
    public PolicyCommand(CliContext context)
        : base("policy", "Approval policy per tool: auto (run), approve (a person confirms first) or deny (never run); rules on arguments can decide first.")
    {
        Add(new PolicySetCommand(context));
        Add(new PolicyRuleCommand(context));
    }
}
