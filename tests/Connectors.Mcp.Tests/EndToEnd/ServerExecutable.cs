namespace Connectors.Mcp.Tests.EndToEnd;

/// <summary>
/// The built <c>connectors-mcp.dll</c> of the same configuration as this test assembly, found from the repository root
/// (the folder holding <c>Connectors.Mcp.sln</c>). The test project references the executable's project, so it is built
/// before the tests run; it is started as <c>dotnet connectors-mcp.dll …</c>, exactly as a user's client would.
/// </summary>
public static class ServerExecutable
{
    private static readonly Lazy<string> Dll = new(Locate);

    /// <summary>Full path of <c>src/Connectors.Mcp/bin/CONFIGURATION/net10.0/connectors-mcp.dll</c>.</summary>
    public static string DllPath => Dll.Value;

    /// <summary>The dotnet host running these tests (set by the SDK), else <c>dotnet</c> from PATH.</summary>
    public static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static string Locate()
    {
        // AppContext.BaseDirectory is tests/Connectors.Mcp.Tests/bin/CONFIGURATION/TFM/.
        var baseDirectory = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = baseDirectory.Name;
        var configuration = baseDirectory.Parent?.Name
            ?? throw new InvalidOperationException($"Cannot tell the build configuration from {AppContext.BaseDirectory}.");

        var root = baseDirectory;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Connectors.Mcp.sln")))
        {
            root = root.Parent;
        }

        if (root is null)
        {
            throw new InvalidOperationException($"No Connectors.Mcp.sln above {AppContext.BaseDirectory}.");
        }

        var dll = Path.Combine(root.FullName, "src", "Connectors.Mcp", "bin", configuration, framework, "connectors-mcp.dll");
        return File.Exists(dll)
            ? dll
            : throw new InvalidOperationException($"The server executable is not built: {dll} does not exist. Build tests/Connectors.Mcp.Tests first.");
    }
}
