using System.Xml.Linq;
using Connectors.Mcp.Tests.Catalog;

namespace Connectors.Mcp.Tests.Packaging;

/// <summary>The files of this repository that packaging is checked against.</summary>
public static class RepositoryFiles
{
    public static string Root => RepositoryPaths.Root;

    public static string ServerProject => Path.Combine(Root, "src", "Connectors.Mcp", "Connectors.Mcp.csproj");

    public static string ServerJson => Path.Combine(Root, "server.json");

    /// <summary>A property of the server's csproj, e.g. <c>Version</c>; fails the test when it is not set there.</summary>
    public static string ServerProjectProperty(string name)
    {
        var values = XDocument.Load(ServerProject).Descendants(name).Select(e => e.Value.Trim()).ToList();
        return Assert.Single(values);
    }
}
