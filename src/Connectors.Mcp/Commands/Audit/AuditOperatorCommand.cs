using System.CommandLine;
using Connectors.Mcp.Commands.Shared;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Commands.Audit;

/// <summary>
/// <c>audit operator [--workspace SLUG] [--limit N] [--json]</c>: what operators changed (policies, rules, domains,
/// limits, API keys, admin tokens), newest first: who, when, what, the old and the new value. <c>--workspace</c> keeps
/// one workspace's changes (admin token changes belong to none).
/// </summary>
internal sealed class AuditOperatorCommand : Command
{
    private static readonly OutputColumn<OperatorChange>[] Columns =
    [
        new("id", c => c.Id),
        new("at", c => CliOutput.Time(c.At)),
        new("actor", c => c.Actor),
        new("workspace", c => c.WorkspaceSlug),
        new("action", c => c.Action),
        new("target", c => c.Target),
        new("old_value", c => c.OldValue),
        new("new_value", c => c.NewValue),
        new("workspace_id", c => c.WorkspaceId, InTable: false),
    ];

    private readonly Option<string?> _workspace = new("--workspace") { Description = "Only this workspace's changes.", HelpName = "SLUG" };

    private readonly Option<bool> _json = new("--json") { Description = "One JSON object per line." };

    private readonly Option<int> _limit = new("--limit")
    {
        Description = $"How many records, newest first (1 to {OperatorAuditQuery.MaxLimit}).",
        HelpName = "N",
        DefaultValueFactory = _ => 50,
    };

    public AuditOperatorCommand(CliContext context)
        : base("operator", "List operator changes (policies, rules, domains, limits, API keys, admin tokens), newest first.")
    {
        Add(_workspace);
        Add(_json);
        Add(_limit);
        SetAction((parseResult, cancellationToken) => context.RunWithServicesAsync(parseResult, cancellationToken, async (services, ct) =>
        {
            var limit = parseResult.GetValue(_limit);
            if (limit is < 1 or > OperatorAuditQuery.MaxLimit)
            {
                throw new UsageException($"--limit must be between 1 and {OperatorAuditQuery.MaxLimit}, got {limit}.");
            }

            var json = parseResult.GetValue(_json);
            var query = new OperatorAuditQuery { Limit = limit };
            if (parseResult.GetValue(_workspace) is { } slug)
            {
                query = query with { WorkspaceId = (await services.GetRequiredService<IWorkspaceStore>().RequireWorkspaceAsync(slug, ct)).Id };
            }

            var changes = await services.GetRequiredService<IOperatorAuditLog>().QueryAsync(query, ct);
            if (changes.Count == 0 && !json)
            {
                context.Console.Error.WriteLine("No operator changes recorded yet.");
                return ExitCodes.Success;
            }

            CliOutput.WriteRecords(context.Console.Out, changes, Columns, json);
            return ExitCodes.Success;
        }));
    }
}
