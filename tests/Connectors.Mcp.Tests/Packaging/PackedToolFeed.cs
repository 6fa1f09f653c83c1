using System.IO.Compression;
using Connectors.Mcp.Tests.EndToEnd;

namespace Connectors.Mcp.Tests.Packaging;

/// <summary>
/// <c>dotnet pack</c> of the server, once per test class, into a temp folder used as a local NuGet feed, with a NuGet
/// configuration that lists no other source and a temp package cache, so installing from it neither depends on nor
/// writes to the machine's sources and global cache. The tool package carries every assembly it runs (a framework-
/// dependent tool has no package dependencies), so no other source is needed.
/// </summary>
public sealed class PackedToolFeed : IAsyncLifetime
{
    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(2);

    public PackedToolFeed()
    {
        Root = Path.Combine(Path.GetTempPath(), "connectors-mcp-pack-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Feed);
        Directory.CreateDirectory(PackageCache);
    }

    public string Root { get; }

    /// <summary>The folder holding <c>Connectors.Mcp.VERSION.nupkg</c>.</summary>
    public string Feed => Path.Combine(Root, "feed");

    /// <summary>The csproj's version, which the package must carry.</summary>
    public string Version { get; } = RepositoryFiles.ServerProjectProperty("Version");

    public string PackagePath => Path.Combine(Feed, $"Connectors.Mcp.{Version}.nupkg");

    /// <summary>A nuget.config with <c>&lt;clear /&gt;</c>: only the sources given on the command line count.</summary>
    public string NuGetConfig => Path.Combine(Root, "nuget.config");

    /// <summary>NUGET_PACKAGES for every install from this feed.</summary>
    public string PackageCache => Path.Combine(Root, "nuget-packages");

    public IReadOnlyDictionary<string, string> NuGetEnvironment => new Dictionary<string, string>
    {
        ["NUGET_PACKAGES"] = PackageCache,
        ["NUGET_HTTP_CACHE_PATH"] = Path.Combine(Root, "nuget-http-cache"),
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
    };

    /// <summary>A new empty folder under the root.</summary>
    public string NewFolder(string name)
    {
        var path = Path.Combine(Root, name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>The text of one file inside the package.</summary>
    public string ReadPackageEntry(string entryName)
    {
        using var package = ZipFile.OpenRead(PackagePath);
        var entry = package.GetEntry(entryName) ?? throw new Xunit.Sdk.XunitException($"{entryName} is not in {PackagePath}");
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(NuGetConfig, """
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
              </packageSources>
            </configuration>
            """);

        // The configuration this test assembly was built in has built the server too (a project reference), so pack
        // only packs: no second build competing with the test run, and the package holds the very assemblies tested.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var pack = await ProcessRun.RunAsync(
            ServerExecutable.DotnetHost,
            ["pack", RepositoryFiles.ServerProject, "-c", configuration, "--no-build", "-o", Feed, "-nologo"],
            Root,
            PackTimeout,
            NuGetEnvironment);
        pack.Succeeded();
        Assert.True(File.Exists(PackagePath), $"dotnet pack did not write {PackagePath}:\n{pack.Output}");
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A tool process may still hold a file for a moment; the OS cleans temp folders.
        }
        catch (UnauthorizedAccessException)
        {
        }

        return Task.CompletedTask;
    }
}
