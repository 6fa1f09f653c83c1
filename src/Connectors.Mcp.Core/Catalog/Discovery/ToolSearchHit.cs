namespace Connectors.Mcp.Core.Catalog.Discovery;

/// <summary>One tool found by <see cref="ToolSearchIndex.Search"/>, with its relevance (greater is better, always above 0).</summary>
public sealed record ToolSearchHit(CatalogTool Tool, double Score);
