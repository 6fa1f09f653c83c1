using System.CommandLine;
using Connectors.Mcp.Commands.Shared;

namespace Connectors.Mcp.Commands.Admin;

/// <summary><c>admin token create|list|revoke</c>.</summary>
internal sealed class AdminCommand : Command
{
    public AdminCommand(CliContext context)
        : base("admin", "The admin console and API at /admin on `serve --http`.")
    {
        Add(new AdminTokenCommand(context));
    }
}
