using System.CommandLine;
using Connectors.Mcp.Commands.Admin;
using Connectors.Mcp.Commands.ApiKeys;
using Connectors.Mcp.Commands.Approvals;
using Connectors.Mcp.Commands.Audit;
using Connectors.Mcp.Commands.Completion;
using Connectors.Mcp.Commands.Doctor;
using Connectors.Mcp.Commands.OAuthClients;
using Connectors.Mcp.Commands.Policies;
using Connectors.Mcp.Commands.Serve;
using Connectors.Mcp.Commands.Shared;
using Connectors.Mcp.Commands.WorkspaceConnectors;
using Connectors.Mcp.Commands.Workspaces;

namespace Connectors.Mcp.Commands;

/// <summary><c>connectors-mcp COMMAND [--home DIR] [--database URL] [--sandbox]</c>: the command-line contract of issue 2 §2.</summary>
internal sealed class ConnectorsMcpRootCommand : RootCommand
{
    public ConnectorsMcpRootCommand(CliContext context)
        : base("Workspace-scoped MCP server: each workspace's connectors published as MCP tools, with approvals and an audit log.")
    {
        Add(context.Global.Home);
        Add(context.Global.Database);
        Add(context.Global.Sandbox);
        Add(new ServeCommand(context));
        Add(new WorkspaceCommand(context));
        Add(new ApiKeyCommand(context));
        Add(new OAuthClientCommand(context));
        Add(new ConnectorCommand(context));
        Add(new PolicyCommand(context));
        Add(new ApprovalsCommand(context));
        Add(new AuditCommand(context));
        Add(new AdminCommand(context));
        Add(new DoctorCommand(context));
        Add(new CompletionCommand(context));
        Add(new Sandbox.SandboxCommand(context));
    }
}
