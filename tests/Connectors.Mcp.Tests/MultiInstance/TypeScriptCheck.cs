using System.Diagnostics;
using Connectors.Mcp.Tests.EndToEnd;
using Connectors.Mcp.TestSupport.Postgres;

namespace Connectors.Mcp.Tests.MultiInstance;

/// <summary>
/// <c>.ci/multi-instance/ts-check.mjs</c>: the TypeScript SDK client pinned in <c>.ci/conformance</c> (installed there by
/// <c>npm ci</c>, as <c>.ci/run</c> does before the tests), run with the <c>node</c> on PATH (CI puts Node 22 first).
/// </summary>
public sealed class TypeScriptCheck
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    private TypeScriptCheck(string node, string script)
    {
        Node = node;
        Script = script;
    }

    public string Node { get; }

    public string Script { get; }

    /// <summary>Node and the pinned SDK, else skips (or fails under CI) with how to install them.</summary>
    public static TypeScriptCheck Require()
    {
        var root = RepositoryRoot();
        var script = Path.Combine(root, ".ci", "multi-instance", "ts-check.mjs");
        var sdk = Path.Combine(root, ".ci", "conformance", "node_modules", "@modelcontextprotocol", "sdk", "package.json");
        var node = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, "node")).FirstOrDefault(File.Exists);
        var hint = "The TypeScript SDK check needs node on PATH and the pinned SDK: `cd .ci/conformance && npm ci` (as .ci/run does).";
        var missing = node is null || !File.Exists(sdk);
        if (missing && MultiInstanceRequirements.Required)
        {
            throw new InvalidOperationException(hint + $" ({PostgresTestServer.RequireVariable}=1 makes this a failure.)");
        }

        Skip.If(missing, hint);
        return new TypeScriptCheck(node!, script);
    }

    /// <summary>Runs the check against <paramref name="mcpUrl"/>; its exit code and output (stdout and stderr).</summary>
    public async Task<(int ExitCode, string Output)> RunAsync(Uri mcpUrl, string apiKey, int clients, int calls, bool affinity)
    {
        var start = new ProcessStartInfo(Node) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])[Script, mcpUrl.ToString(), "--clients", $"{clients}", "--calls", $"{calls}", .. affinity ? (string[])["--affinity"] : []])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["CONNECTORS_MCP_API_KEY"] = apiKey;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(Limit);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Connectors.Mcp.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("No Connectors.Mcp.sln above the tests.");
    }
}
