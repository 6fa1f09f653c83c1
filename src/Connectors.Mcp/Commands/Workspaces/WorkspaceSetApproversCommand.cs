using System.CommandLine;
using Connectors.Mcp.Commands.Shared;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Commands.Workspaces;

/// <summary>
/// <c>workspace set-approvers SLUG client|person|default</c>: who may approve the workspace's gated calls — the client
/// through elicitation (people still can), only a person (CLI, admin console or API), or the serving mode's default.
/// Running servers apply it on their next call (it moves the workspace's catalog version).
/// </summary>
internal sealed class WorkspaceSetApproversCommand : Command
{
    private readonly Argument<string> _slug = new("SLUG") { Description = "The workspace." };

    private readonly Argument<string> _approvers = new Argument<string>("APPROVERS")
    {
        Description = "client (the client may approve through elicitation; people still can), person (only a person: "
            + "the console, the CLI or the admin API), or default (stdio: client, HTTP: person).",
    }.AcceptOnlyFromAmong([.. ApproversNames.All, ApproversNames.Default]);

    public WorkspaceSetApproversCommand(CliContext context)
        : base("set-approvers", "Set who may approve a workspace's gated calls: the client (elicitation) or only a person.")
    {
        Add(_slug);
        Add(_approvers);
        SetAction((parseResult, cancellationToken) => context.RunWithServicesAsync(parseResult, cancellationToken, async (services, ct) =>
        {
            var name = parseResult.GetRequiredValue(_approvers);
            Approvers? approvers = ApproversNames.TryParse(name, out var parsed) ? parsed : null;
            var store = services.GetRequiredService<IWorkspaceStore>();
            var workspace = await store.RequireWorkspaceAsync(parseResult.GetRequiredValue(_slug), ct);
            var updated = await store.SetApproversAsync(workspace.Id, approvers, CliOperator.Actor, ct);
            context.Console.Out.WriteLine($"Approvers of workspace '{updated.Slug}': {ApproversColumn.Describe(updated)}.");
            return ExitCodes.Success;
        }));
    }
}
