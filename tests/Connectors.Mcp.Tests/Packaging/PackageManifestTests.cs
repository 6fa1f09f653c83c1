using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Connectors.Mcp.Tests.Commands;
using Connectors.Mcp.Tests.EndToEnd;

namespace Connectors.Mcp.Tests.Packaging;

/// <summary>
/// The registry entry (<c>server.json</c> at the repository root, packed byte for byte as the package's
/// <c>.mcp/server.json</c>) agrees with the package the csproj builds: name, version, identifier, transport and arguments,
/// in the MCP registry's server.json format (https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json).
/// </summary>
public sealed partial class PackageManifestTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void ServerProject_PacksAToolTypedAsAnMcpServerWithTheRootServerJson()
    {
        Assert.Equal("true", RepositoryFiles.ServerProjectProperty("PackAsTool"));
        Assert.Equal("connectors-mcp", RepositoryFiles.ServerProjectProperty("ToolCommandName"));
        Assert.Equal("Connectors.Mcp", RepositoryFiles.ServerProjectProperty("PackageId"));
        Assert.Equal(["DotnetTool", "McpServer"], RepositoryFiles.ServerProjectProperty("PackageType").Split(';'));

        var packed = XDocument.Load(RepositoryFiles.ServerProject).Descendants("None")
            .Single(item => (string?)item.Attribute("PackagePath") == ".mcp/server.json");
        Assert.Equal("true", (string?)packed.Attribute("Pack"));
        var manifestPath = RepositoryFiles.ServerProjectProperty("ServerManifestPath").Replace("$(MSBuildThisFileDirectory)", "");
        Assert.Equal("$(ServerManifestPath)", (string?)packed.Attribute("Include"));
        Assert.Equal(
            RepositoryFiles.ServerJson,
            Path.GetFullPath(Path.Combine(Path.GetDirectoryName(RepositoryFiles.ServerProject)!, manifestPath)));
    }

    [Fact]
    public void ServerJson_DescribesThePackageInTheRegistryFormat()
    {
        var server = ReadServerJson();
        var version = RepositoryFiles.ServerProjectProperty("Version");

        Assert.StartsWith("https://static.modelcontextprotocol.io/schemas/", (string)server["$schema"]!);
        Assert.Matches(ServerNamePattern(), (string)server["name"]!);
        Assert.InRange(((string)server["description"]!).Length, 1, 100);
        Assert.Equal(version, (string)server["version"]!);

        var package = Assert.IsType<JsonObject>(Assert.Single(server["packages"]!.AsArray()));
        Assert.Equal("nuget", (string)package["registryType"]!);
        Assert.Equal("Connectors.Mcp", (string)package["identifier"]!);
        Assert.Equal(version, (string)package["version"]!);
        Assert.Equal("dnx", (string)package["runtimeHint"]!);
        Assert.Equal("stdio", (string)package["transport"]!["type"]!);

        var arguments = package["packageArguments"]!.AsArray().Select(a => a!.AsObject()).ToList();
        Assert.Equal(["serve", "--stdio"], arguments.Where(a => (string)a["type"]! == "positional").Select(a => (string)a["value"]!));
        var named = arguments.Where(a => (string)a["type"]! == "named").ToDictionary(a => (string)a["name"]!);
        Assert.Equal(["--workspace", "--home"], named.Keys);
        Assert.True((bool)named["--workspace"]["isRequired"]!);
        Assert.False((bool)named["--home"]["isRequired"]!);
        Assert.Equal("filepath", (string)named["--home"]["format"]!);
        Assert.All(named.Values, a => Assert.False(string.IsNullOrWhiteSpace((string?)a["description"])));
    }

    [Fact]
    public async Task ServerJsonArguments_WithTheInputsFilledIn_StartAStdioServerForThatWorkspace()
    {
        var package = ReadServerJson()["packages"]![0]!;
        var arguments = new List<string>();
        foreach (var argument in package["packageArguments"]!.AsArray().Select(a => a!.AsObject()))
        {
            if ((string)argument["type"]! == "positional")
            {
                arguments.Add((string)argument["value"]!);
                continue;
            }

            var name = (string)argument["name"]!;
            arguments.AddRange([name, name == "--home" ? _cli.Root : "acme"]);
        }

        var result = await _cli.RunRawAsync([.. arguments]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var request = Assert.Single(_cli.ServeRequests);
        Assert.True(request.Stdio);
        Assert.Equal("acme", request.WorkspaceSlug);
        Assert.Equal(Path.GetFullPath(_cli.Root), request.Home.Directory);
    }

    [Fact]
    public async Task VersionOption_PrintsTheCsprojVersion_WithoutACommitSuffix()
    {
        // The built executable, not the in-process root command: --version reads the entry assembly's version.
        var run = await ProcessRun.RunAsync(
            ServerExecutable.DotnetHost, [ServerExecutable.DllPath, "--version"], Path.GetTempPath(), Bounded.Startup);

        Assert.Equal(RepositoryFiles.ServerProjectProperty("Version"), run.Succeeded().Output.Trim());
    }

    private static JsonObject ReadServerJson() =>
        Assert.IsType<JsonObject>(JsonNode.Parse(File.ReadAllText(RepositoryFiles.ServerJson)));

    // The registry's pattern for a server name: reverse-DNS namespace, one slash, a name.
    [GeneratedRegex("^[a-zA-Z0-9.-]+/[a-zA-Z0-9._-]+$")]
    private static partial Regex ServerNamePattern();
}
