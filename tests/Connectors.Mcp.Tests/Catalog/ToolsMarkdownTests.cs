namespace Connectors.Mcp.Tests.Catalog;

/// <summary>docs/tools.md is generated from the catalog and must equal what the catalog publishes now.</summary>
public sealed class ToolsMarkdownTests(PublishedCatalogFixture catalog) : IClassFixture<PublishedCatalogFixture>
{
    [Fact]
    public void ToolsDoc_MatchesTheCatalog()
    {
        var generated = ToolsMarkdown.Render(catalog.Tools, catalog.ConnectorTypes);
        var committed = GoldenFiles.Read(RepositoryPaths.ToolsDoc);
        if (committed == generated)
        {
            return;
        }

        if (GoldenFiles.Updating)
        {
            GoldenFiles.Write(RepositoryPaths.ToolsDoc, generated);
        }

        var what = committed is null
            ? $"{RepositoryPaths.Relative(RepositoryPaths.ToolsDoc)} does not exist."
            : $"{RepositoryPaths.Relative(RepositoryPaths.ToolsDoc)} is out of date: {GoldenFiles.FirstDifference(committed, generated)}";
        Assert.Fail($"{what}\n{GoldenFiles.Advice}");
    }

    [Fact]
    public void ToolsDoc_DocumentsEveryToolAndArgument()
    {
        var generated = ToolsMarkdown.Render(catalog.Tools, catalog.ConnectorTypes);

        Assert.StartsWith("# Tools\n", generated, StringComparison.Ordinal);
        Assert.Contains(GoldenFiles.UpdateCommand, generated, StringComparison.Ordinal);
        foreach (var tool in catalog.Tools)
        {
            Assert.Contains($"\n### `{tool.Name}`\n", generated, StringComparison.Ordinal);
            foreach (var (argument, _) in tool.Json["inputSchema"]?["properties"]?.AsObject() ?? [])
            {
                Assert.Contains($"| `{argument}` |", generated, StringComparison.Ordinal);
            }
        }

        Assert.Contains("\n## Context size\n", generated, StringComparison.Ordinal);
        Assert.Contains($"| `gmail_send_email` | {ToolContextSize.Characters(catalog.Tool("gmail_send_email"))} | ", generated, StringComparison.Ordinal);
        Assert.Contains("### `gmail_send_email`\n\n**Send an email (gmail)** · writes · open world · default policy: `approve`", generated, StringComparison.Ordinal);
    }
}
