namespace Connectors.Mcp.Core.Catalog;

/// <summary>The tools every workspace has, whatever its connectors.</summary>
public enum MetaTool
{
    ListConnectors,
    GetApproval,

    /// <summary>Discovery mode: ranked tools for a request, with their input schemas.</summary>
    SearchTools,

    /// <summary>Discovery mode: runs another tool through the same pipeline, audited under that tool's name.</summary>
    CallTool,
}
