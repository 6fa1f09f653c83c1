using System.Xml.Linq;

namespace Connectors.Mcp.Tests.Packaging;

/// <summary>Files of this repository (found as the folder holding <c>Connectors.Mcp.sln</c> above the test assembly).</summary>
public static class RepositoryFiles
{
    private static readonly Lazy<string> RootDirectory = new(Locate);

    public static string Root => RootDirectory.Value;

    public static string ServerProject => Path.Combine(Root, "src", "Connectors.Mcp", "Connectors.Mcp.csproj");

    public static string ServerJson => Path.Combine(Root, "server.json");

    /// <summary>A property of the server's csproj, e.g. <c>Version</c>; fails the test when it is not set there.</summary>
    public static string ServerProjectProperty(string name)
    {
        var values = XDocument.Load(ServerProject).Descendants(name).Select(e => e.Value.Trim()).ToList();
        return Assert.Single(values);
    }

    private static string Locate()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Connectors.Mcp.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException($"No Connectors.Mcp.sln above {AppContext.BaseDirectory}.");
    }
}
