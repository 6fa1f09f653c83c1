using System.CommandLine;

namespace Connectors.Mcp.Commands.Shared;

/// <summary><c>--home DIR</c> and <c>--sandbox</c>: recursive, so they are accepted anywhere on the line.</summary>
internal sealed class GlobalOptions
{
    public Option<string?> Home { get; } = new("--home")
    {
        Description = "State folder (connectors.db, master.key). Default: $CONNECTORS_MCP_HOME, else ~/.connectors-mcp.",
        HelpName = "DIR",
        Recursive = true,
    };

    public Option<bool> Sandbox { get; } = new("--sandbox")
    {
        Description = "Use HOME/sandbox instead, so nothing touches real workspaces.",
        Recursive = true,
    };
}
