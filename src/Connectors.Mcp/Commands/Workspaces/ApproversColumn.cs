using System.Text.Json.Nodes;
using Connectors.Mcp.Commands.Shared;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Hosting;

namespace Connectors.Mcp.Commands.Workspaces;

/// <summary>
/// How <c>workspace list</c> shows who may approve. The CLI serves no mode, so an unset workspace shows the default of
/// each: <c>default (stdio: client, http: person)</c>; <c>--json</c> adds the effective value per mode.
/// </summary>
internal static class ApproversColumn
{
    public static IEnumerable<OutputColumn<Workspace>> Columns { get; } =
    [
        new("approvers", w => Describe(w)),
        new("approvers_stdio", w => (w.Approvers ?? ApproverDefaults.Stdio).ToName(), InTable: false),
        new("approvers_http", w => (w.Approvers ?? ApproverDefaults.Http).ToName(), InTable: false),
    ];

    /// <summary><c>client</c> or <c>person</c> when the workspace chose; otherwise <c>default (stdio: client, http: person)</c>.</summary>
    public static string Describe(Workspace workspace) => workspace.Approvers is { } chosen
        ? chosen.ToName()
        : $"{ApproversNames.Default} (stdio: {ApproverDefaults.Stdio.ToName()}, http: {ApproverDefaults.Http.ToName()})";
}
