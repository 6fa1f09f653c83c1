using System.CommandLine;
using Connectors.Mcp.Commands.Shared;
using Connectors.Mcp.Core.Instructions;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Commands.Workspaces;

/// <summary><c>workspace create SLUG [--plan free|pro|enterprise]</c>.</summary>
internal sealed class WorkspaceCreateCommand : Command
{
    private readonly Argument<string> _slug = new("SLUG")
    {
        Description = "Lowercase letters, digits and '-', 2 to 63 characters, e.g. acme.",
    };

    private readonly Option<string> _plan = new Option<string>("--plan")
    {
        Description = "Plan: free (3 connectors), pro (20), enterprise (unlimited).",
        DefaultValueFactory = _ => PlanLimits.Name(WorkspacePlan.Free),
    }.AcceptOnlyFromAmong(Enum.GetValues<WorkspacePlan>().Select(PlanLimits.Name).ToArray());

    public WorkspaceCreateCommand(CliContext context)
        : base("create", "Create a workspace.")
    {
        Add(_slug);
        Add(_plan);
        SetAction((parseResult, cancellationToken) => context.RunWithServicesAsync(parseResult, cancellationToken, async (services, ct) =>
        {
            var slug = parseResult.GetRequiredValue(_slug);
            var planName = parseResult.GetRequiredValue(_plan);
            if (!PlanLimits.TryParse(planName, out var plan))
            {
                throw new UsageException($"Unknown plan '{planName}'. Valid plans: free, pro, enterprise.");
            }

            var workspace = await services.GetRequiredService<IWorkspaceStore>().CreateAsync(slug, plan, ct);
            context.Console.Out.WriteLine($"Created workspace '{workspace.Slug}' (plan {PlanLimits.Name(workspace.Plan)}).");
            context.Console.Error.WriteLine(
                $"Next: {CliInstructions.ConnectorAdd(workspace.Slug, "TYPE")} (see {CliInstructions.ConnectorTypes}) " +
                $"and {CliInstructions.ApiKeyCreate(workspace.Slug)}.");
            return ExitCodes.Success;
        }));
    }
}
