using System.CommandLine;
using Connectors.Mcp.Commands.Shared;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Commands.Admin;

/// <summary>
/// <c>admin token create [--name NAME]</c>: prints the new token alone on stdout (the only time it exists in clear);
/// its id and name go to stderr.
/// </summary>
internal sealed class AdminTokenCreateCommand : Command
{
    public const string DefaultName = "admin";

    private readonly Option<string> _name = new("--name")
    {
        Description = "A name to tell tokens apart; approvals decided with it record admin:NAME.",
        HelpName = "NAME",
        DefaultValueFactory = _ => DefaultName,
    };

    public AdminTokenCreateCommand(CliContext context)
        : base("create", "Create an admin token and print it (only its hash is stored).")
    {
        Add(_name);
        SetAction((parseResult, cancellationToken) => context.RunWithServicesAsync(parseResult, cancellationToken, async (services, ct) =>
        {
            var name = parseResult.GetRequiredValue(_name);
            if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100)
            {
                throw new UsageException("--name must be 1 to 100 characters.");
            }

            var issued = await services.GetRequiredService<IAdminTokenStore>().CreateAsync(name, CliOperator.Actor, ct);
            context.Console.Out.WriteLine(issued.Secret);
            context.Console.Error.WriteLine($"Admin token {issued.Token.Id} ('{issued.Token.Name}') created. This is the only time it is shown: store it now. Sign in at /admin of `serve --http`, or send it as Authorization: Bearer to /admin/api.");
            return ExitCodes.Success;
        }));
    }
}
