using System.Text;
using Connectors.Mcp.Core.Catalog;
using Connectors.Mcp.Core.Catalog.Discovery;
using Xunit.Abstractions;

namespace Connectors.Mcp.Tests.Catalog.Discovery;

/// <summary>
/// Discovery mode's target: for each request in <see cref="ToolSearchRequests"/>, a tool that serves it is among the
/// top 3 results of the search over the real published catalog (every registered connector type). The table of
/// request → top 3 is written to the test output.
/// </summary>
public sealed class ToolSearchRankingTests(PublishedCatalogFixture catalog, ITestOutputHelper output) : IClassFixture<PublishedCatalogFixture>
{
    private const int Top = 3;

    [Fact]
    public void EveryRequest_FindsAnAcceptableTool_InTheTop3()
    {
        var index = catalog.Workspace.SearchIndex;
        var table = new StringBuilder();
        var failures = new List<string>();
        var passed = 0;
        var heldOutPassed = 0;
        foreach (var (request, acceptable, heldOut, knownMiss) in ToolSearchRequests.All)
        {
            var hits = index.Search(request, Top);
            var top = hits.Select(h => $"{h.Tool.Name} ({h.Score:F2})").ToList();
            var ok = hits.Any(h => acceptable.Contains(h.Tool.Name, StringComparer.Ordinal));
            passed += ok ? 1 : 0;
            heldOutPassed += ok && heldOut ? 1 : 0;
            var mark = ok ? "ok  " : knownMiss is null ? "MISS" : $"MISS (known: {knownMiss})";
            table.AppendLine($"{mark} {(heldOut ? "[held out] " : "")}{request} → {string.Join(", ", top)}");
            if (!ok && knownMiss is null)
            {
                failures.Add($"\"{request}\": top {Top} {string.Join(", ", top)}; acceptable: {string.Join(", ", acceptable)}");
            }
        }

        var heldOutCount = ToolSearchRequests.All.Count(c => c.HeldOut);
        table.AppendLine($"{passed}/{ToolSearchRequests.All.Count} requests pass; held out: {heldOutPassed}/{heldOutCount}.");
        output.WriteLine(table.ToString());

        Assert.True(failures.Count == 0, $"{failures.Count} request(s) miss:\n{string.Join("\n", failures)}");
        Assert.True(passed >= 30, $"Only {passed} requests find their tool in the top {Top}; the target is at least 30.");
    }

    [Fact]
    public void Ranking_IsDeterministic_WhateverOrderTheCatalogIsIndexedIn()
    {
        var tools = catalog.Tools.Select(t => t.Catalog).Where(t => !ToolVisibility.IsDiscoveryTool(t)).ToList();
        var forward = new ToolSearchIndex(tools);
        var backward = new ToolSearchIndex(Enumerable.Reverse(tools));
        var interleaved = new ToolSearchIndex(tools.Where((_, i) => i % 2 == 1).Concat(tools.Where((_, i) => i % 2 == 0)));

        foreach (var request in ToolSearchRequests.All.Select(c => c.Request))
        {
            var expected = forward.Search(request, ToolSearchIndex.MaxLimit).Select(h => (h.Tool.Name, h.Score)).ToList();
            Assert.Equal(expected, forward.Search(request, ToolSearchIndex.MaxLimit).Select(h => (h.Tool.Name, h.Score)));
            Assert.Equal(expected, backward.Search(request, ToolSearchIndex.MaxLimit).Select(h => (h.Tool.Name, h.Score)));
            Assert.Equal(expected, interleaved.Search(request, ToolSearchIndex.MaxLimit).Select(h => (h.Tool.Name, h.Score)));
        }
    }

    [Fact]
    public void GarbageQuery_FindsNothing_AndAWordlessQuery_IsAQueryError()
    {
        var index = catalog.Workspace.SearchIndex;

        Assert.Empty(index.Search("xyzzy plugh frobnicate", ToolSearchIndex.MaxLimit));
        Assert.Throws<ToolSearchQueryException>(() => index.Search("", 3));
        Assert.Throws<ToolSearchQueryException>(() => index.Search("?? -- !!", 3));
        Assert.Throws<ToolSearchQueryException>(() => index.Search(new string('a', ToolSearchIndex.MaxQueryLength + 1), 3));
    }

    [Fact]
    public void Requests_AreEnough_AndNameOnlyPublishedTools()
    {
        var names = catalog.Tools.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var unknown = ToolSearchRequests.All.SelectMany(c => c.Acceptable).Where(n => !names.Contains(n)).Distinct().ToList();

        Assert.True(unknown.Count == 0, $"Requests accept tools the catalog does not publish: {string.Join(", ", unknown)}");
        Assert.True(ToolSearchRequests.All.Count >= 30, $"Only {ToolSearchRequests.All.Count} requests; the target is at least 30.");
        Assert.True(ToolSearchRequests.All.Count(c => c.HeldOut) >= 10, "At least 10 requests are held out (written after the vocabulary was frozen).");
        Assert.All(ToolSearchRequests.All.Where(c => c.KnownMiss is not null), c => Assert.True(c.HeldOut, $"\"{c.Request}\" is a known miss but not held out: a tuning request must pass."));
    }
}
