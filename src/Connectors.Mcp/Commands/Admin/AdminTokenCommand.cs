using System.CommandLine;
using Connectors.Mcp.Commands.Shared;

namespace Connectors.Mcp.Commands.Admin;

/// <summary><c>admin token create|list|revoke</c>.</summary>
internal sealed class AdminTokenCommand : Command
{
    public AdminTokenCommand(CliContext context)
        : base("token", "Admin tokens: they open /admin and /admin/api (never /mcp); only their hash is stored.")
    {
        Add(new AdminTokenCreateCommand(context));
        Add(new AdminTokenListCommand(context));
        Add(new AdminTokenRevokeCommand(context));
    }
}
