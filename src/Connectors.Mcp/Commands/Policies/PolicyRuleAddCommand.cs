using System.CommandLine;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Commands.Shared;
using Connectors.Mcp.Core.Pipeline.Approval.Rules;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Commands.Policies;

/// <summary>
/// <c>policy rule add SLUG TOOL_PATTERN EFFECT [--when CONDITION] [--position N] [--note TEXT]</c>: prints the new rule's
/// id on stdout. A pattern that matches none of the workspace's tools is accepted with a warning (a connector may be
/// added later); so is a recipient condition on tools that have no recipients.
/// </summary>
internal sealed class PolicyRuleAddCommand : Command
{
    private readonly Argument<string> _slug = new("SLUG") { Description = "The workspace." };

    private readonly Argument<string> _tool = new("TOOL_PATTERN")
    {
        Description = "A tool name (gmail_send_email) or a glob with * (*delete*, gmail_*).",
    };

    private readonly Argument<string> _effect = new Argument<string>("EFFECT")
    {
        Description = "What a matching call gets: auto | approve | deny.",
    }.AcceptOnlyFromAmong([.. ApprovalPolicyNames.All]);

    private readonly Option<string> _when = new("--when")
    {
        Description = $"The condition over the call's arguments (default always): {RuleCondition.AcceptedForms}.",
        DefaultValueFactory = _ => AlwaysCondition.Keyword,
    };

    private readonly Option<int?> _position = new("--position")
    {
        Description = "Where the rule goes (1 = tried first); later rules move down. Default: after the last rule.",
    };

    private readonly Option<string?> _note = new("--note") { Description = "Why the rule exists, for the people who read the list." };

    public PolicyRuleAddCommand(CliContext context)
        : base("add", "Add an approval rule to a workspace; prints its id.")
    {
        Add(_slug);
        Add(_tool);
        Add(_effect);
        Add(_when);
        Add(_position);
        Add(_note);
        SetAction((parseResult, cancellationToken) => context.RunWithServicesAsync(parseResult, cancellationToken, async (services, ct) =>
        {
            var effect = ApprovalPolicyText.Parse(parseResult.GetRequiredValue(_effect));
            var pattern = ToolPattern.Validate(parseResult.GetRequiredValue(_tool), "TOOL_PATTERN");
            RuleCondition condition;
            try
            {
                condition = RuleCondition.Parse(parseResult.GetValue(_when) ?? AlwaysCondition.Keyword);
            }
            catch (FormatException ex)
            {
                throw new UsageException($"--when: {ex.Message}");
            }

            var position = parseResult.GetValue(_position);
            if (position is < 1)
            {
                throw new UsageException($"--position must be 1 or more (1 = tried first); got {position}.");
            }

            var workspace = await services.GetRequiredService<IWorkspaceStore>().RequireWorkspaceAsync(parseResult.GetRequiredValue(_slug), ct);
            var tools = await WorkspaceTools.ListAsync(services, workspace, ct);
            var matching = tools.Where(t => ToolPattern.Matches(pattern, t.Name)).ToList();
            if (matching.Count == 0)
            {
                context.Console.Error.WriteLine(tools.Count == 0
                    ? $"warning: workspace '{workspace.Slug}' has no tools yet; the rule applies once a connector offers a tool matching '{pattern}'."
                    : $"warning: '{pattern}' matches none of workspace '{workspace.Slug}''s tools ({string.Join(", ", tools.Select(t => t.Name))}); the rule applies once a connector offers a matching tool.");
            }
            else if (condition is RecipientsAllInCondition or RecipientsAnyOutsideCondition && matching.All(t => t.Action.RecipientArguments.Count == 0))
            {
                context.Console.Error.WriteLine(
                    $"warning: no tool matching '{pattern}' ({string.Join(", ", matching.Select(t => t.Name))}) has recipients, so '{condition.Text}' never matches its calls.");
            }

            ApprovalRule rule;
            try
            {
                rule = await services.GetRequiredService<IApprovalRuleStore>().AddAsync(
                    new NewApprovalRule(workspace.Id, pattern, condition, effect, parseResult.GetValue(_note), position), CliOperator.Actor, ct);
            }
            catch (ArgumentOutOfRangeException ex) when (ex.ParamName == nameof(NewApprovalRule.Position))
            {
                throw new UsageException($"--position: {ex.Message.Replace($" (Parameter '{ex.ParamName}')", "", StringComparison.Ordinal)}");
            }

            context.Console.Out.WriteLine(rule.Id);
            context.Console.Error.WriteLine(
                $"Rule {rule.Id} is number {rule.Position} of workspace '{workspace.Slug}': {rule.ToolPattern} when {rule.Condition.Text} → {rule.Effect.ToName()}.");
            return ExitCodes.Success;
        }));
    }
}
