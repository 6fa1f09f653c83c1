using System.CommandLine;
using Connectors.Mcp.Commands.Shared;
using Connectors.Mcp.Core.Catalog;
using Connectors.Mcp.Core.Instructions;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Commands.Workspaces;

/// <summary><c>workspace list [--json]</c>: slug, plan, effective rate limits (and whether overridden), who may approve (and whether by default), tool mode, created_at, own domains.</summary>
internal sealed class WorkspaceListCommand : Command
{
    private static readonly OutputColumn<Workspace>[] Columns =
    [
        new("slug", w => w.Slug),
        new("plan", w => PlanLimits.Name(w.Plan)),
        new("created_at", w => CliOutput.Time(w.CreatedAt)),
        new("calls_per_minute", w => PlanLimits.RateLimits(w).CallsPerMinute),
        new("connector_calls_per_minute", w => PlanLimits.RateLimits(w).ConnectorCallsPerMinute),
        new("limits", w => PlanLimits.RateLimits(w).Overridden ? "override" : "plan"),
        .. ApproversColumn.Columns,
        new("tool_mode", w => w.ToolMode.ToName()),
        new("domains", w => CliOutput.Array(w.Domains)),
        new("id", w => w.Id, InTable: false),
    ];

    private readonly Option<bool> _json = new("--json") { Description = "One JSON object per line." };

    public WorkspaceListCommand(CliContext context)
        : base("list", "List workspaces.")
    {
        Add(_json);
        SetAction((parseResult, cancellationToken) => context.RunWithServicesAsync(parseResult, cancellationToken, async (services, ct) =>
        {
            var json = parseResult.GetValue(_json);
            var workspaces = await services.GetRequiredService<IWorkspaceStore>().ListAsync(ct);
            if (workspaces.Count == 0 && !json)
            {
                context.Console.Error.WriteLine($"No workspaces yet. Create one with {CliInstructions.WorkspaceCreate("SLUG")}.");
                return ExitCodes.Success;
            }

            CliOutput.WriteRecords(context.Console.Out, workspaces, Columns, json);
            return ExitCodes.Success;
        }));
    }
}
