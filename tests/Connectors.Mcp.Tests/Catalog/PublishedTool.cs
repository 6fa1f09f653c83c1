using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Catalog;

namespace Connectors.Mcp.Tests.Catalog;

/// <summary>One catalog tool and the JSON tools/list publishes for it.</summary>
public sealed record PublishedTool(CatalogTool Catalog, JsonObject Json)
{
    public string Name => Catalog.Name;
}
