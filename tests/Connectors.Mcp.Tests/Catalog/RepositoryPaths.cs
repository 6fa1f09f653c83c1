namespace Connectors.Mcp.Tests.Catalog;

/// <summary>Files of the source tree that tests compare against (found by walking up to Connectors.Mcp.sln).</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string ToolSnapshots => Path.Combine(Root, "tests", "Connectors.Mcp.Tests", "__toolsnaps__");

    public static string ToolsDoc => Path.Combine(Root, "docs", "tools.md");

    /// <summary>The path relative to the repository root, with forward slashes, for messages.</summary>
    public static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Connectors.Mcp.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Connectors.Mcp.sln above {AppContext.BaseDirectory}: these tests compare against files of the source tree.");
    }
}
