using Connectors.Mcp.Core.Catalog;

namespace Connectors.Mcp.Tests.Catalog;

/// <summary>
/// Every tool's definition costs context on every turn: the catalog of a workspace with one connector of every
/// registered type stays within <see cref="ToolContextSize.AverageBudget"/> on average and
/// <see cref="ToolContextSize.PerToolCeiling"/> per tool. docs/tools.md shows the per-tool sizes (ToolsMarkdown).
/// </summary>
public sealed class ToolContextSizeTests(PublishedCatalogFixture catalog) : IClassFixture<PublishedCatalogFixture>
{
    [Fact]
    public void EveryTool_StaysUnderThePerToolCeiling()
    {
        var over = catalog.Tools
            .Select(t => (t.Name, Characters: ToolContextSize.Characters(t)))
            .Where(t => t.Characters > ToolContextSize.PerToolCeiling)
            .Select(t => $"{t.Name}: {t.Characters} characters")
            .ToList();

        Assert.True(over.Count == 0,
            $"{over.Count} tool definition(s) exceed {ToolContextSize.PerToolCeiling} characters (name + description + inputSchema, compact JSON):\n" +
            $"{string.Join("\n", over)}\nShorten the descriptions (not the constraints the validator enforces), or share repeated subschemas through $defs.");
    }

    [Fact]
    public void Catalog_StaysWithinTheAverageBudget()
    {
        // What a session in "all" mode lists: search_tools and call_tool are discovery mode's (DiscoveryModeHttpTests
        // holds that whole list to 2,000 characters), and their short definitions must not pull this average down.
        var sizes = catalog.Tools.Where(t => !ToolVisibility.IsDiscoveryTool(t.Catalog)).Select(ToolContextSize.Characters).ToList();
        var average = sizes.Average();

        Assert.True(sizes.Count >= 20, $"Only {sizes.Count} tools were measured: the fixture should publish every connector type's actions.");
        Assert.True(average <= ToolContextSize.AverageBudget,
            $"The catalog's tool definitions average {average:F0} characters ({sizes.Sum()} for {sizes.Count} tools); the budget is {ToolContextSize.AverageBudget}. See the size table in docs/tools.md.");
    }

    [Fact]
    public void Size_IsTheCompactJsonOfNameDescriptionAndInputSchema()
    {
        var tool = catalog.Tool("list_connectors");
        var expected = $"{{\"name\":\"list_connectors\",\"description\":\"{tool.Catalog.Description}\",\"inputSchema\":{{\"type\":\"object\",\"properties\":{{}},\"additionalProperties\":false}}}}";

        Assert.Equal(expected.Length, ToolContextSize.Characters(tool));
        Assert.Equal(25, ToolContextSize.Tokens(100));
    }
}
