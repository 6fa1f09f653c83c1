using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Connectors.Mcp.Tests.Packaging;

/// <summary>
/// Every MCP client configuration a person may paste from this repository: <c>mcp.json</c>, the samples in
/// <c>docs/clients/</c>, and the JSON blocks of the READMEs and docs/clients.md that hold a server map.
/// </summary>
public static partial class ClientConfigFiles
{
    /// <summary>Where each document came from (a path, or a path and block number), and the document.</summary>
    public static IReadOnlyList<(string Source, JsonObject Document)> All()
    {
        var documents = new List<(string, JsonObject)> { Read("mcp.json") };
        documents.AddRange(Directory.GetFiles(Path.Combine(RepositoryFiles.Root, "docs", "clients"), "*.json")
            .Order(StringComparer.Ordinal)
            .Select(path => Read(Path.GetRelativePath(RepositoryFiles.Root, path))));
        foreach (var markdown in new[] { "README.md", "docs/clients.md", "src/Connectors.Mcp/Package/README.md" })
        {
            var blocks = JsonBlock().Matches(File.ReadAllText(Path.Combine(RepositoryFiles.Root, markdown)));
            for (var i = 0; i < blocks.Count; i++)
            {
                var text = blocks[i].Groups["json"].Value;
                if (text.Contains("\"mcpServers\"", StringComparison.Ordinal) || text.Contains("\"servers\"", StringComparison.Ordinal))
                {
                    documents.Add(($"{markdown} (json block {i + 1})", Assert.IsType<JsonObject>(JsonNode.Parse(text))));
                }
            }
        }

        return documents;
    }

    private static (string, JsonObject) Read(string relativePath) =>
        (relativePath.Replace('\\', '/'), Assert.IsType<JsonObject>(JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryFiles.Root, relativePath)))));

    [GeneratedRegex("^```json\\n(?<json>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex JsonBlock();
}
