using System.CommandLine;
using Connectors.Mcp.Commands.Shared;

namespace Connectors.Mcp.Commands.ApiKeys;

/// <summary><c>apikey create | list | revoke</c>.</summary>
internal sealed class ApiKeyCommand : Command
{
    public ApiKeyCommand(CliContext context)
        : base("apikey", "API keys: an HTTP client sends one as `Authorization: Bearer <key>` and sees only its workspace, and only the tools of the key's scope.")
    {
        Add(new ApiKeyCreateCommand(context));
        Add(new ApiKeyListCommand(context));
        Add(new ApiKeyRevokeCommand(context));
    }
}
