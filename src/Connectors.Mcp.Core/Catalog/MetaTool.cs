namespace Connectors.Mcp.Core.Catalog;

/// <summary>The tools every workspace has, whatever its connectors.</summary>
public enum MetaTool
{
    ListConnectors,
    GetApproval,
}
