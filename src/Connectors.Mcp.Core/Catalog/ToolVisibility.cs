namespace Connectors.Mcp.Core.Catalog;

/// <summary>
/// Which of a workspace's tools a session lists, may call and may find, by its scope and its tool mode — written once,
/// for tools/list, the pipeline and search_tools.
/// <list type="bullet">
/// <item>The scope decides what may be called at all, in both modes (<see cref="ToolScope.Allows"/>).</item>
/// <item><see cref="ToolMode.All"/> lists every allowed tool except the discovery tools (search_tools, call_tool), which
/// are not callable either: a session that lists everything has nothing to discover.</item>
/// <item><see cref="ToolMode.Discovery"/> lists only the discovery tools; list_connectors and get_approval are found and
/// run through them like any tool (a gated call made through call_tool says so). Every allowed tool stays callable
/// directly: the mode saves context, it grants and removes nothing.</item>
/// </list>
/// </summary>
public static class ToolVisibility
{
    public static bool IsListed(CatalogTool tool, ToolScope scope, ToolMode mode) =>
        scope.Allows(tool) && (mode == ToolMode.Discovery ? IsDiscoveryTool(tool) : !IsDiscoveryTool(tool));

    public static bool IsCallable(CatalogTool tool, ToolScope scope, ToolMode mode) =>
        scope.Allows(tool) && (mode == ToolMode.Discovery || !IsDiscoveryTool(tool));

    /// <summary>What search_tools may return and call_tool may run: every allowed tool but the discovery tools themselves.</summary>
    public static bool IsDiscoverable(CatalogTool tool, ToolScope scope) => scope.Allows(tool) && !IsDiscoveryTool(tool);

    public static bool IsDiscoveryTool(CatalogTool tool) => tool.Meta is MetaTool.SearchTools or MetaTool.CallTool;
}
