using System.Text.Json;
using System.Text.Json.Nodes;

namespace Connectors.Mcp.Tests.Catalog;

/// <summary>
/// Every published tool (name, title, description, schemas, annotations — exactly what tools/list sends) equals its
/// committed snapshot in <c>__toolsnaps__/{tool}.json</c>, so a changed tool surface is always a visible diff.
/// </summary>
public sealed class ToolSnapshotTests(PublishedCatalogFixture catalog) : IClassFixture<PublishedCatalogFixture>
{
    [Fact]
    public void Catalog_PublishesTheMetaToolsAndEveryActionOfEveryRegisteredType()
    {
        var expected = new List<string> { "list_connectors", "get_approval", "search_tools", "call_tool" };
        expected.AddRange(catalog.ConnectorTypes.SelectMany(type => type.Actions.Select(action => $"{type.Type}_{action.Name}")));

        Assert.Contains(catalog.ConnectorTypes, t => t.Type == "gmail");
        Assert.Equal(expected, catalog.Tools.Select(t => t.Name));
    }

    [Fact]
    public void PublishedTools_MatchTheirSnapshots()
    {
        var problems = new List<string>();
        foreach (var tool in catalog.Tools)
        {
            var path = SnapshotPath(tool.Name);
            var generated = SnapshotJson.Write(tool.Json);
            var committed = GoldenFiles.Read(path);
            if (committed == generated)
            {
                continue;
            }

            problems.Add(committed is null
                ? $"{tool.Name}: no snapshot at {RepositoryPaths.Relative(path)} (a new tool)."
                : $"{tool.Name} differs from {RepositoryPaths.Relative(path)}: {Difference(committed, generated, tool.Json)}");
            if (GoldenFiles.Updating)
            {
                GoldenFiles.Write(path, generated);
            }
        }

        Assert.True(problems.Count == 0, $"{problems.Count} published tool(s) differ from their snapshots:\n{string.Join("\n", problems)}\n{GoldenFiles.Advice}");
    }

    [Fact]
    public void Snapshots_ExistOnlyForPublishedTools()
    {
        var published = catalog.Tools.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var orphans = Directory.Exists(RepositoryPaths.ToolSnapshots)
            ? Directory.EnumerateFiles(RepositoryPaths.ToolSnapshots, "*.json")
                .Where(file => !published.Contains(Path.GetFileNameWithoutExtension(file)))
                .Order(StringComparer.Ordinal)
                .ToList()
            : [];
        if (GoldenFiles.Updating)
        {
            orphans.ForEach(File.Delete);
        }

        Assert.True(orphans.Count == 0,
            $"Snapshot(s) of tools the catalog no longer publishes: {string.Join(", ", orphans.Select(RepositoryPaths.Relative))}. " +
            $"A removed or renamed tool breaks the clients that call it; if that is intended, delete the file(s). {GoldenFiles.Advice}");
    }

    private static string SnapshotPath(string tool) => Path.Combine(RepositoryPaths.ToolSnapshots, tool + ".json");

    private static string Difference(string committed, string generated, JsonObject published)
    {
        JsonNode? parsed;
        try
        {
            parsed = JsonNode.Parse(committed);
        }
        catch (JsonException ex)
        {
            return $"the snapshot is not valid JSON ({ex.Message}).";
        }

        var where = JsonDifference.Describe(parsed, published);
        return where is null
            ? $"same JSON, different text (formatting or key order).\n{GoldenFiles.FirstDifference(committed, generated)}"
            : $"{where}.\n{GoldenFiles.FirstDifference(committed, generated)}";
    }
}
