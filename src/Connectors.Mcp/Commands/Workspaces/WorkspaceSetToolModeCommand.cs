using System.CommandLine;
using Connectors.Mcp.Commands.Shared;
using Connectors.Mcp.Core.Catalog;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Commands.Workspaces;

/// <summary>
/// <c>workspace set-tool-mode SLUG all|discovery</c>: whether the workspace's sessions list every tool, or only
/// search_tools and call_tool (a key or <c>serve --tool-mode</c> may fix its own). Running servers apply it on their
/// next request and send tools/list_changed (it moves the workspace's catalog version).
/// </summary>
internal sealed class WorkspaceSetToolModeCommand : Command
{
    private readonly Argument<string> _slug = new("SLUG") { Description = "The workspace." };

    private readonly Argument<string> _mode = new Argument<string>("MODE")
    {
        Description = "all (tools/list holds every tool) or discovery (tools/list holds search_tools and call_tool; "
            + "the agent finds tools by what it needs to do). Either way the same tools may be called.",
    }.AcceptOnlyFromAmong([.. ToolModeNames.All]);

    public WorkspaceSetToolModeCommand(CliContext context)
        : base("set-tool-mode", "Set how a workspace's sessions list tools: all of them, or discovery (search_tools + call_tool).")
    {
        Add(_slug);
        Add(_mode);
        SetAction((parseResult, cancellationToken) => context.RunWithServicesAsync(parseResult, cancellationToken, async (services, ct) =>
        {
            var mode = ToolModeNames.Parse(parseResult.GetRequiredValue(_mode));
            var store = services.GetRequiredService<IWorkspaceStore>();
            var workspace = await store.RequireWorkspaceAsync(parseResult.GetRequiredValue(_slug), ct);
            var updated = await store.SetToolModeAsync(workspace.Id, mode, CliOperator.Actor, ct);
            context.Console.Out.WriteLine($"Tool mode of workspace '{updated.Slug}': {updated.ToolMode.ToName()} (API keys and servers started with --tool-mode keep their own).");
            return ExitCodes.Success;
        }));
    }
}
