using System.CommandLine;
using Connectors.Mcp.Commands.Shared;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Commands.Admin;

/// <summary><c>admin token revoke ID</c>: the token stops working at once, and its browser sessions end.</summary>
internal sealed class AdminTokenRevokeCommand : Command
{
    private readonly Argument<string> _id = new("ID") { Description = "The token's id (adm_…, see `admin token list`)." };

    public AdminTokenRevokeCommand(CliContext context)
        : base("revoke", "Revoke an admin token and end its console sessions.")
    {
        Add(_id);
        SetAction((parseResult, cancellationToken) => context.RunWithServicesAsync(parseResult, cancellationToken, async (services, ct) =>
        {
            var token = await services.GetRequiredService<IAdminTokenStore>().RevokeAsync(parseResult.GetRequiredValue(_id), CliOperator.Actor, ct);
            context.Console.Error.WriteLine($"Admin token {token.Id} ('{token.Name}') is revoked; its console sessions have ended.");
            return ExitCodes.Success;
        }));
    }
}
