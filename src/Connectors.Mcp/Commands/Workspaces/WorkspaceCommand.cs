using System.CommandLine;
using Connectors.Mcp.Commands.Shared;

namespace Connectors.Mcp.Commands.Workspaces;

/// <summary><c>workspace create|list|set-limits|set-domains|set-approvers|set-tool-mode</c>.</summary>
internal sealed class WorkspaceCommand : Command
{
    public WorkspaceCommand(CliContext context)
        : base("workspace", "Create and list workspaces (tenants). Each has its own connectors, API keys, policies and audit log.")
    {
        Add(new WorkspaceCreateCommand(context));
        Add(new WorkspaceListCommand(context));
        Add(new WorkspaceSetLimitsCommand(context));
        Add(new WorkspaceSetDomainsCommand(context));
        Add(new WorkspaceSetApproversCommand(context));
        Add(new WorkspaceSetToolModeCommand(context));
    }
}
