using System.CommandLine;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Commands.Shared;
using Connectors.Mcp.Core.Instructions;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Commands.Policies;

/// <summary><c>policy rule list SLUG [--json]</c>: the workspace's rules in the order they are tried.</summary>
internal sealed class PolicyRuleListCommand : Command
{
    private static readonly OutputColumn<ApprovalRule>[] Columns =
    [
        new("position", r => r.Position),
        new("id", r => r.Id),
        new("tool", r => r.ToolPattern),
        new("when", r => r.Condition.Text),
        new("effect", r => r.Effect.ToName()),
        new("note", r => CliOutput.Text(r.Note)),
        new("created_at", r => CliOutput.Time(r.CreatedAt), InTable: false),
    ];

    private readonly Argument<string> _slug = new("SLUG") { Description = "The workspace." };

    private readonly Option<bool> _json = new("--json") { Description = "One JSON object per line." };

    public PolicyRuleListCommand(CliContext context)
        : base("list", "List a workspace's approval rules in the order they are tried (the first that matches decides).")
    {
        Add(_slug);
        Add(_json);
        SetAction((parseResult, cancellationToken) => context.RunWithServicesAsync(parseResult, cancellationToken, async (services, ct) =>
        {
            var json = parseResult.GetValue(_json);
            var workspace = await services.GetRequiredService<IWorkspaceStore>().RequireWorkspaceAsync(parseResult.GetRequiredValue(_slug), ct);
            var rules = await services.GetRequiredService<IApprovalRuleStore>().ListAsync(workspace.Id, ct);
            if (rules.Count == 0 && !json)
            {
                context.Console.Error.WriteLine(
                    $"Workspace '{workspace.Slug}' has no approval rules; each tool's policy decides. Add one with {CliInstructions.PolicyRuleAdd(workspace.Slug, "TOOL_PATTERN EFFECT --when CONDITION")}.");
                return ExitCodes.Success;
            }

            CliOutput.WriteRecords(context.Console.Out, rules, Columns, json);
            return ExitCodes.Success;
        }));
    }
}
