using System.Text.Json.Nodes;
using Connectors.Mcp.Tests.Commands;

namespace Connectors.Mcp.Tests.Packaging;

/// <summary>
/// The client entries we tell people to paste work as pasted: each file uses its client's documented shape
/// (<c>servers</c> with <c>type: stdio</c> for VS Code, <c>mcpServers</c> for Claude Desktop, Claude Code and Cursor;
/// sources in docs/clients.md), starts the installed command or <c>dnx Connectors.Mcp --yes --</c> (the clone-based
/// <c>dotnet run</c> only in an entry named for development), and its arguments make the real command line start
/// <c>serve --stdio</c> for a workspace.
/// </summary>
public sealed class ClientConfigTests
{
    public static TheoryData<string, string> Entries()
    {
        var data = new TheoryData<string, string>();
        foreach (var (source, document) in ClientConfigFiles.All())
        {
            foreach (var name in Servers(source, document).Select(s => s.Key))
            {
                data.Add(source, name);
            }
        }

        return data;
    }

    [Fact]
    public void EverySampleIsFound()
    {
        var sources = ClientConfigFiles.All().Select(d => d.Source).ToList();

        Assert.Contains("mcp.json", sources);
        Assert.Contains("docs/clients/vscode.mcp.json", sources);
        Assert.Contains("docs/clients/claude_desktop_config.json", sources);
        Assert.Contains("docs/clients/claude-code.mcp.json", sources);
        Assert.Contains("docs/clients/cursor.mcp.json", sources);
        Assert.Contains(sources, s => s.StartsWith("README.md", StringComparison.Ordinal));
        Assert.Equal(["connectors-mcp-sandbox", "connectors-mcp-acme", "development-from-a-clone"], Servers("mcp.json", Read("mcp.json")).Select(s => s.Key));
    }

    [Theory]
    [MemberData(nameof(Entries))]
    public async Task Entry_StartsAStdioServerForAWorkspace(string source, string name)
    {
        var document = ClientConfigFiles.All().Single(d => d.Source == source).Document;
        var entry = Servers(source, document).Single(s => s.Key == name).Value;
        var command = (string)entry["command"]!;
        var args = entry["args"]!.AsArray().Select(a => (string)a!).ToList();

        var cliArguments = command switch
        {
            "connectors-mcp" => args,
            "dnx" => AfterDnx(args),
            "dotnet" when name.Contains("development", StringComparison.Ordinal) => AfterDotnetRun(args),
            _ => throw new Xunit.Sdk.XunitException($"{source} {name}: start `connectors-mcp` or `dnx Connectors.Mcp` (dotnet run only in a development entry), not `{command}`."),
        };

        using var cli = new CliHarness();
        var result = await cli.RunRawAsync([.. cliArguments, "--home", cli.Root]);

        Assert.True(result.ExitCode == 0, $"{source} {name}: {string.Join(' ', cliArguments)}\n{result}");
        var request = Assert.Single(cli.ServeRequests);
        Assert.True(request.Stdio, $"{source} {name} must serve over stdio");
        Assert.False(string.IsNullOrEmpty(request.WorkspaceSlug));
    }

    /// <summary>The server map in the client's documented shape; VS Code's files are named vscode*.</summary>
    private static IEnumerable<KeyValuePair<string, JsonObject>> Servers(string source, JsonObject document)
    {
        var vscode = source.Contains("vscode", StringComparison.OrdinalIgnoreCase) || document.ContainsKey("servers");
        var key = vscode ? "servers" : "mcpServers";
        Assert.True(document.ContainsKey(key), $"{source}: expected a top-level \"{key}\" object");
        Assert.False(document.ContainsKey(vscode ? "mcpServers" : "servers"), $"{source}: one client's key only");
        var servers = Assert.IsType<JsonObject>(document[key]);
        Assert.NotEmpty(servers);
        foreach (var (name, value) in servers)
        {
            var entry = Assert.IsType<JsonObject>(value);
            if (vscode || entry.ContainsKey("type"))
            {
                Assert.True((string?)entry["type"] == "stdio", $"{source} {name}: \"type\": \"stdio\"");
            }

            yield return new(name, entry);
        }
    }

    /// <summary><c>dnx Connectors.Mcp --yes [--add-source DIR] [--version V] -- ARGS</c>: ARGS.</summary>
    private static List<string> AfterDnx(List<string> args)
    {
        Assert.Equal("Connectors.Mcp", args[0]);
        var separator = args.IndexOf("--");
        Assert.True(separator > 0, "dnx needs -- before the tool's own arguments");
        var options = args[1..separator];
        Assert.Contains("--yes", options);
        for (var i = 0; i < options.Count; i++)
        {
            if (options[i] is "--add-source" or "--version")
            {
                i++;
                continue;
            }

            Assert.Equal("--yes", options[i]);
        }

        return args[(separator + 1)..];
    }

    /// <summary><c>dotnet run --project src/Connectors.Mcp -- ARGS</c> (the project path exists): ARGS.</summary>
    private static List<string> AfterDotnetRun(List<string> args)
    {
        Assert.Equal(["run", "--project"], args[..2]);
        Assert.True(File.Exists(Path.Combine(RepositoryFiles.Root, args[2], "Connectors.Mcp.csproj")), $"no project at {args[2]}");
        Assert.Equal("--", args[3]);
        return args[4..];
    }

    private static JsonObject Read(string relativePath) => ClientConfigFiles.All().Single(d => d.Source == relativePath).Document;
}
