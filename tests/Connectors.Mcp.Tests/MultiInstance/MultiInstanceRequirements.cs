using System.Diagnostics;
using Connectors.Mcp.Tests.EndToEnd;
using Connectors.Mcp.TestSupport.Postgres;

namespace Connectors.Mcp.Tests.MultiInstance;

/// <summary>
/// What the multi-instance tests need from the machine and from the build: nginx (Debian package), PostgreSQL for the
/// CI variant (<see cref="PostgresTestServer"/>), and the server's <c>--database</c> / <c>--stateless</c> options,
/// read from <c>serve --help</c> of the built executable. Missing pieces skip the test with an install hint, or fail
/// it when <c>CONNECTORS_MCP_REQUIRE_POSTGRES=1</c> (CI), so CI cannot pass without running it.
/// </summary>
public static class MultiInstanceRequirements
{
    /// <summary>Set to 1 to run the SQLite variant too (a developer's check of the harness; CI runs PostgreSQL).</summary>
    public const string SqliteVariable = "CONNECTORS_MCP_MULTI_INSTANCE_SQLITE";

    public const string NginxHint = "nginx is not installed: `apt-get install nginx` (Debian package nginx); the multi-instance tests run it as their load balancer.";

    private static readonly Lazy<string> ServeHelp = new(ReadServeHelp);

    /// <summary>Whether CI asked for these tests to fail rather than skip.</summary>
    public static bool Required => Environment.GetEnvironmentVariable(PostgresTestServer.RequireVariable) == "1";

    /// <summary><c>serve</c> accepts <c>--stateless</c> (2026-07-28 clients without sessions: plain round robin).</summary>
    public static bool ServerIsStateless => ServeHelp.Value.Contains("--stateless", StringComparison.Ordinal);

    /// <summary>The nginx executable, else skips (or fails under CI).</summary>
    public static string RequireNginx()
    {
        var path = new[] { "/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(File.Exists);
        Unavailable(path is null, NginxHint);
        return path!;
    }

    /// <summary>The cluster for the PostgreSQL variant, checked to be usable by this build; the SQLite variant only on request.</summary>
    public static void RequireBackend(MultiInstanceBackend backend)
    {
        if (backend == MultiInstanceBackend.Sqlite)
        {
            Skip.If(Environment.GetEnvironmentVariable(SqliteVariable) != "1",
                $"The SQLite variant of the multi-instance tests runs with {SqliteVariable}=1 (CI runs the PostgreSQL one).");
            return;
        }

        PostgresTestServer.Require();
        Unavailable(!ServeHelp.Value.Contains("--database", StringComparison.Ordinal),
            "This build of connectors-mcp has no --database option (PostgreSQL storage), so the PostgreSQL multi-instance variant cannot run.");
    }

    private static void Unavailable(bool missing, string hint)
    {
        if (missing && Required)
        {
            throw new InvalidOperationException(hint + $" ({PostgresTestServer.RequireVariable}=1 makes this a failure.)");
        }

        Skip.If(missing, hint);
    }

    private static string ReadServeHelp()
    {
        var start = new ProcessStartInfo(ServerExecutable.DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ServerExecutable.DllPath);
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add("--help");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start connectors-mcp serve --help.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Bounded.Startup))
        {
            process.Kill();
            throw new TimeoutException("connectors-mcp serve --help did not finish.");
        }

        return output.Result + error.Result;
    }
}
