using System.CommandLine;
using Connectors.Mcp.Commands.Shared;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Commands.Workspaces;

/// <summary>
/// <c>workspace set-domains SLUG DOMAIN[,DOMAIN…]</c> or <c>--clear</c>: replaces the organisation's own domains, which
/// approval rules name as <c>workspace</c>. Running servers use them from their next call.
/// </summary>
internal sealed class WorkspaceSetDomainsCommand : Command
{
    private readonly Argument<string> _slug = new("SLUG") { Description = "The workspace." };

    private readonly Argument<string[]> _domains = new("DOMAINS")
    {
        Description = "The domains, comma-separated (acme.com,acme.io); they replace the current ones.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private readonly Option<bool> _clear = new("--clear") { Description = "Remove every domain." };

    public WorkspaceSetDomainsCommand(CliContext context)
        : base("set-domains", "Set a workspace's own mail domains (what approval rules mean by 'workspace').")
    {
        Add(_slug);
        Add(_domains);
        Add(_clear);
        SetAction((parseResult, cancellationToken) => context.RunWithServicesAsync(parseResult, cancellationToken, async (services, ct) =>
        {
            var domains = (parseResult.GetValue(_domains) ?? [])
                .SelectMany(d => d.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                .ToList();
            var clear = parseResult.GetValue(_clear);
            if (clear == (domains.Count > 0))
            {
                throw new UsageException(clear
                    ? "Give either domains or --clear, not both."
                    : "Give the domains (e.g. acme.com,acme.io) or --clear.");
            }

            var store = services.GetRequiredService<IWorkspaceStore>();
            var workspace = await store.RequireWorkspaceAsync(parseResult.GetRequiredValue(_slug), ct);
            var updated = await store.SetDomainsAsync(workspace.Id, domains, CliOperator.Actor, ct);
            context.Console.Out.WriteLine(updated.Domains.Count == 0
                ? $"Workspace '{updated.Slug}' has no domains now; rules that say 'workspace' count every recipient as outside."
                : $"Domains of workspace '{updated.Slug}': {string.Join(", ", updated.Domains)}.");
            return ExitCodes.Success;
        }));
    }
}
