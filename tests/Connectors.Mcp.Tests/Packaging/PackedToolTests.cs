using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Connectors.Mcp.Tests.EndToEnd;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Connectors.Mcp.Tests.Packaging;

/// <summary>
/// SLOW (a dotnet pack, a tool install and a dnx run; tens of seconds): the package a user installs. Packed once, then
/// installed with <c>dotnet tool install --tool-path</c> and run with <c>dnx</c>, each from an empty folder, and driven
/// over stdio by the real C# MCP client against the sandbox: the installed command needs nothing from the repository.
/// </summary>
[Trait("Category", "Slow")]
[Collection(EndToEndCollection.Name)]
public sealed class PackedToolTests(PackedToolFeed feed) : IClassFixture<PackedToolFeed>
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(1);

    [Fact]
    public void Package_IsAToolAndAnMcpServer_CarryingTheRootServerJson()
    {
        var nuspec = XDocument.Parse(feed.ReadPackageEntry("Connectors.Mcp.nuspec"));
        var metadata = nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string Field(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;

        Assert.Equal("Connectors.Mcp", Field("id"));
        Assert.Equal(feed.Version, Field("version"));
        var packageTypes = metadata.Descendants().Where(e => e.Name.LocalName == "packageType").Select(e => (string?)e.Attribute("name"));
        Assert.Equal(["DotnetTool", "McpServer"], packageTypes);
        Assert.Contains("mcp-name: ", feed.ReadPackageEntry("README.md"));

        Assert.Equal(File.ReadAllText(RepositoryFiles.ServerJson), feed.ReadPackageEntry(".mcp/server.json"));
        var settings = XDocument.Parse(feed.ReadPackageEntry("tools/net10.0/any/DotnetToolSettings.xml"));
        Assert.Equal("connectors-mcp", (string?)settings.Descendants("Command").Single().Attribute("Name"));
    }

    [Fact]
    public async Task ToolInstall_ThenTheCommand_ServesTheSandboxOverStdio()
    {
        var toolPath = feed.NewFolder("tools");
        var elsewhere = feed.NewFolder("cwd");
        (await ProcessRun.RunAsync(
            ServerExecutable.DotnetHost,
            ["tool", "install", "Connectors.Mcp", "--tool-path", toolPath, "--add-source", feed.Feed, "--version", feed.Version, "--configfile", feed.NuGetConfig],
            elsewhere,
            InstallTimeout,
            feed.NuGetEnvironment)).Succeeded();
        var command = Path.Combine(toolPath, OperatingSystem.IsWindows() ? "connectors-mcp.exe" : "connectors-mcp");

        var version = await ProcessRun.RunAsync(command, ["--version"], elsewhere, Bounded.Startup);
        Assert.Equal(feed.Version, version.Succeeded().Output.Trim());

        await AssertServesTheSandboxAsync(command, ["serve", "--stdio", "--sandbox", "--home", feed.NewFolder("home")], elsewhere);
    }

    [Fact]
    public async Task Dnx_RunsThePackage_ServingTheSandboxOverStdio()
    {
        var elsewhere = feed.NewFolder("cwd");

        await AssertServesTheSandboxAsync(
            ServerExecutable.DotnetHost,
            ["dnx", "Connectors.Mcp", "--yes", "--add-source", feed.Feed, "--version", feed.Version, "--configfile", feed.NuGetConfig,
                "--", "serve", "--stdio", "--sandbox", "--home", feed.NewFolder("home")],
            elsewhere);

        // dnx put the package in this test's NuGet cache, not the machine's.
        Assert.True(Directory.Exists(Path.Combine(feed.PackageCache, "connectors.mcp", feed.Version)), $"not in {feed.PackageCache}");
    }

    private async Task AssertServesTheSandboxAsync(string command, string[] arguments, string workingDirectory)
    {
        var log = new ServerLog();
        var environment = feed.NuGetEnvironment.ToDictionary(e => e.Key, e => (string?)e.Value);
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "connectors-mcp (packed)",
            Command = command,
            Arguments = arguments,
            WorkingDirectory = workingDirectory,
            EnvironmentVariables = environment,
            StandardErrorLines = log.Add,
            ShutdownTimeout = Bounded.Shutdown,
        });

        // dnx installs the package into the cache before the server starts: one install's worth on top of a start.
        var startup = Bounded.Startup + InstallTimeout;
        using var timeout = new CancellationTokenSource(startup);
        McpClient client;
        try
        {
            client = await McpClient.CreateAsync(transport, ClientOptions.Plain(), loggerFactory: null, timeout.Token).WaitAsync(startup);
        }
        catch (Exception exception) when (exception is not Xunit.Sdk.XunitException)
        {
            throw new Xunit.Sdk.XunitException($"`{command} {string.Join(' ', arguments)}` did not start: {exception.Message}\nstderr:\n{log.Text}");
        }

        await using (client)
        {
            var serverInfo = Assert.IsType<Implementation>(client.ServerInfo);
            Assert.Equal("connectors-mcp", serverInfo.Name);
            Assert.Equal(feed.Version, serverInfo.Version);

            var tools = await client.ListToolsAsync().AsTask().WaitAsync(Bounded.Call);
            Assert.Contains(tools, t => t.Name == "list_connectors");
            Assert.Contains(tools, t => t.Name == "gmail_search_inbox");

            var result = await client.CallToolAsync("gmail_search_inbox", new Dictionary<string, object?> { ["query"] = "is:unread" }).AsTask().WaitAsync(Bounded.Call);
            Assert.True(result.IsError is not true, JsonSerializer.Serialize(result));
            var messages = Assert.IsType<JsonArray>(JsonNode.Parse(JsonSerializer.Serialize(result.StructuredContent))!["messages"]);
            Assert.NotEmpty(messages);
        }
    }
}
