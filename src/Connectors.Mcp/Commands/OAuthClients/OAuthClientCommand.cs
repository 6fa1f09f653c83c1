using System.CommandLine;
using Connectors.Mcp.Commands.Shared;

namespace Connectors.Mcp.Commands.OAuthClients;

/// <summary><c>oauth-client set</c>.</summary>
internal sealed class OAuthClientCommand : Command
{
    public OAuthClientCommand(CliContext context)
        : base("oauth-client", "The OAuth client each provider's connectors use to refresh their tokens.")
    {
        Add(new OAuthClientSetCommand(context));
    }
}
