using System.CommandLine;
using Connectors.Mcp.Commands.Shared;

namespace Connectors.Mcp.Commands.WorkspaceConnectors;

/// <summary><c>connector types|add|list|set-token|connect|disconnect|enable|disable|set-tools|remove</c>.</summary>
internal sealed class ConnectorCommand : Command
{
    public ConnectorCommand(CliContext context)
        : base("connector", "Connector types, and the connectors of a workspace (their tools are what MCP clients see).")
    {
        Add(new ConnectorTypesCommand(context));
        Add(new ConnectorAddCommand(context));
        Add(new ConnectorListCommand(context));
        Add(new ConnectorSetTokenCommand(context));
        Add(new ConnectorSetClientCredentialsCommand(context));
        Add(new ConnectorConnectCommand(context));
        Add(new ConnectorDisconnectCommand(context));
        Add(new ConnectorEnableCommand(context));
        Add(new ConnectorDisableCommand(context));
        Add(new ConnectorSetToolsCommand(context));
        Add(new ConnectorRemoveCommand(context));
    }
}
