using Connectors.Mcp.Core.Storage;
using Xunit;

namespace Connectors.Mcp.Core.Tests.Storage;

public sealed class WorkspaceTests
{
    private static readonly DateTimeOffset Created = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Equals_SameDomainsInDifferentLists_AreEqual()
    {
        var a = new Workspace("ws_1", "acme", WorkspacePlan.Pro, Created) { Domains = ["acme.com", "acme.io"] };
        var b = new Workspace("ws_1", "acme", WorkspacePlan.Pro, Created) { Domains = new List<string> { "acme.com", "acme.io" } };

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Fact]
    public void Equals_DifferentDomainsOrLimits_AreNotEqual()
    {
        var a = new Workspace("ws_1", "acme", WorkspacePlan.Pro, Created) { Domains = ["acme.com"] };

        Assert.NotEqual(a, a with { Domains = ["acme.io"] });
        Assert.NotEqual(a, a with { Domains = [] });
        Assert.NotEqual(a, a with { RateLimitOverrides = new RateLimitOverrides(10, null) });
        Assert.NotEqual(a, a with { Slug = "other" });
    }
}
