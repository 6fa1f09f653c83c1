using System.CommandLine;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Commands.Shared;
using Connectors.Mcp.Core.Instructions;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Commands.Policies;

/// <summary>
/// <c>policy set SLUG TOOL auto|approve|deny</c>. TOOL must be one of the workspace's tools (<c>{connector name}_{action}</c>)
/// so a typo cannot silently set a policy nothing uses.
/// </summary>
internal sealed class PolicySetCommand : Command
{
    private readonly Argument<string> _slug = new("SLUG") { Description = "The workspace." };

    private readonly Argument<string> _tool = new("TOOL") { Description = "A tool of the workspace, e.g. gmail_send_email." };

    private readonly Argument<string> _policy = new Argument<string>("POLICY")
    {
        Description = "auto | approve | deny",
    }.AcceptOnlyFromAmong([.. ApprovalPolicyNames.All]);

    public PolicySetCommand(CliContext context)
        : base("set", "Set the approval policy of one tool in a workspace.")
    {
        Add(_slug);
        Add(_tool);
        Add(_policy);
        SetAction((parseResult, cancellationToken) => context.RunWithServicesAsync(parseResult, cancellationToken, async (services, ct) =>
        {
            var policyName = parseResult.GetRequiredValue(_policy);
            var policy = ApprovalPolicyText.Parse(policyName);

            var tool = parseResult.GetRequiredValue(_tool);
            var workspace = await services.GetRequiredService<IWorkspaceStore>().RequireWorkspaceAsync(parseResult.GetRequiredValue(_slug), ct);
            var tools = (await WorkspaceTools.ListAsync(services, workspace, ct)).Select(t => t.Name).ToList();
            if (!tools.Contains(tool, StringComparer.Ordinal))
            {
                throw new CommandRefusedException(tools.Count == 0
                    ? $"Workspace '{workspace.Slug}' has no tools yet. Add a connector with {CliInstructions.ConnectorAdd(workspace.Slug, "TYPE")}."
                    : $"Workspace '{workspace.Slug}' has no tool '{tool}'. Its tools: {string.Join(", ", tools)}.");
            }

            await services.GetRequiredService<IPolicyStore>().SetAsync(workspace.Id, tool, policy, CliOperator.Actor, ct);
            context.Console.Out.WriteLine($"Policy of '{tool}' in workspace '{workspace.Slug}' is now {policyName}.");
            return ExitCodes.Success;
        }));
    }
}
