namespace Connectors.Mcp.Core.Catalog;

/// <summary>
/// How a session's tools/list presents the workspace's tools. The tools a session may call are the same in both modes
/// (its <see cref="ToolScope"/> decides); only what is listed — and so what the model reads on every turn — differs.
/// </summary>
public enum ToolMode
{
    /// <summary>Every tool the scope allows is listed, with its full definition.</summary>
    All,

    /// <summary>
    /// tools/list holds only the meta tools: <c>search_tools</c> finds tools by what a request asks for and returns their
    /// definitions; <c>call_tool</c> runs one through the same pipeline as a direct call.
    /// </summary>
    Discovery,
}
