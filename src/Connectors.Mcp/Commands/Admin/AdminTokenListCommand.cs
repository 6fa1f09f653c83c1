using System.CommandLine;
using Connectors.Mcp.Commands.Shared;
using Connectors.Mcp.Core.Instructions;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Commands.Admin;

/// <summary><c>admin token list [--json]</c>: id, name, created, last used, revoked (never the token).</summary>
internal sealed class AdminTokenListCommand : Command
{
    private static readonly OutputColumn<AdminToken>[] Columns =
    [
        new("id", t => t.Id),
        new("name", t => t.Name),
        new("created_at", t => CliOutput.Time(t.CreatedAt)),
        new("last_used_at", t => CliOutput.Time(t.LastUsedAt)),
        new("revoked_at", t => CliOutput.Time(t.RevokedAt)),
    ];

    private readonly Option<bool> _json = new("--json") { Description = "One JSON object per line." };

    public AdminTokenListCommand(CliContext context)
        : base("list", "List admin tokens (revoked ones too).")
    {
        Add(_json);
        SetAction((parseResult, cancellationToken) => context.RunWithServicesAsync(parseResult, cancellationToken, async (services, ct) =>
        {
            var json = parseResult.GetValue(_json);
            var tokens = await services.GetRequiredService<IAdminTokenStore>().ListAsync(ct);
            if (tokens.Count == 0 && !json)
            {
                context.Console.Error.WriteLine($"No admin tokens yet. Create one with {CliInstructions.AdminTokenCreate}.");
                return ExitCodes.Success;
            }

            CliOutput.WriteRecords(context.Console.Out, tokens, Columns, json);
            return ExitCodes.Success;
        }));
    }
}
