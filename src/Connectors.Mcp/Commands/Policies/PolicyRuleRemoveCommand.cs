using System.CommandLine;
using Connectors.Mcp.Commands.Shared;
using Connectors.Mcp.Core.Instructions;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Commands.Policies;

/// <summary><c>policy rule remove SLUG RULE_ID</c>: later rules move up one place.</summary>
internal sealed class PolicyRuleRemoveCommand : Command
{
    private readonly Argument<string> _slug = new("SLUG") { Description = "The workspace." };

    private readonly Argument<string> _ruleId = new("RULE_ID") { Description = "The rule's id (rul_…), as `policy rule list` shows it." };

    public PolicyRuleRemoveCommand(CliContext context)
        : base("remove", "Remove an approval rule from a workspace.")
    {
        Add(_slug);
        Add(_ruleId);
        SetAction((parseResult, cancellationToken) => context.RunWithServicesAsync(parseResult, cancellationToken, async (services, ct) =>
        {
            var workspace = await services.GetRequiredService<IWorkspaceStore>().RequireWorkspaceAsync(parseResult.GetRequiredValue(_slug), ct);
            var ruleId = parseResult.GetRequiredValue(_ruleId);
            if (!await services.GetRequiredService<IApprovalRuleStore>().RemoveAsync(workspace.Id, ruleId, CliOperator.Actor, ct))
            {
                throw new CommandRefusedException(
                    $"Workspace '{workspace.Slug}' has no rule '{ruleId}'. See its rules with {CliInstructions.PolicyRuleList(workspace.Slug)}.");
            }

            context.Console.Out.WriteLine($"Removed rule {ruleId} from workspace '{workspace.Slug}'.");
            return ExitCodes.Success;
        }));
    }
}
