using System.CommandLine;
using Connectors.Mcp.Commands.Shared;

namespace Connectors.Mcp.Commands.Approvals;

/// <summary><c>approvals list|approve|deny</c>.</summary>
internal sealed class ApprovalsCommand : Command
{
    public ApprovalsCommand(CliContext context)
        : base("approvals", "Calls waiting for a person's decision (tools whose policy is approve).")
    {
        Add(new ApprovalsListCommand(context));
        Add(new ApprovalsApproveCommand(context));
        Add(new ApprovalsDenyCommand(context));
    }
}
