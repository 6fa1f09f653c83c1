using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Connectors.Mcp.Storage.Postgres;
using Connectors.Mcp.TestSupport.Postgres;

namespace Connectors.Mcp.Tests.Commands.Doctor;

/// <summary>
/// <c>doctor --database …</c> checks the PostgreSQL database instead of <c>connectors.db</c>: reachable, schema current,
/// and a master key that every instance can share — never printing the password.
/// </summary>
public sealed class DoctorPostgresTests : IDisposable
{
    private const string Secret = "doctor-pg-s3cr3t";
    private readonly CliHarness _cli = new();
    private readonly string _urls = $"http://127.0.0.1:{FreePort()}";

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task UnreachableDatabase_FailsNamingIt_WithoutThePassword()
    {
        var port = FreePort();

        var result = await _cli.RunAsync("doctor", "--urls", _urls, "--database", $"postgres://app:{Secret}@127.0.0.1:{port}/connectors?timeout=3");

        Assert.Equal(1, result.ExitCode);
        var database = Line(result, "database");
        Assert.StartsWith("fail", database, StringComparison.Ordinal);
        Assert.Contains($"postgres://app@127.0.0.1:{port}/connectors cannot be reached", database, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, result.Stdout + result.Stderr);
        Assert.DoesNotContain(result.StdoutLines, l => l.Contains("audit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NoMasterKey_FailsSayingInstancesMustShareOne()
    {
        var result = await _cli.RunAsync("doctor", "--urls", _urls, "--database", $"postgres://app:{Secret}@127.0.0.1:{FreePort()}/connectors?timeout=3");

        var line = Line(result, "master-key");
        Assert.StartsWith("fail", line, StringComparison.Ordinal);
        Assert.Contains("every instance must use the same one", line, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_cli.Root, "master.key")), "doctor creates no key");
    }

    [SkippableFact]
    public async Task NeverMigratedDatabase_SaysWhichCommandMigrates()
    {
        await using var schema = await PostgresTestServer.CreateSchemaAsync("doctor");
        WriteMasterKey();

        var result = await _cli.RunAsync("doctor", "--urls", _urls, "--database", schema.ConnectionString);

        var database = Line(result, "database");
        Assert.StartsWith("fail", database, StringComparison.Ordinal);
        Assert.Contains("has schema version 0; this build's is", database, StringComparison.Ordinal);
        Assert.Contains($"connectors-mcp workspace list --home {_cli.Root} --database URL", database, StringComparison.Ordinal);
        Assert.DoesNotContain("Password=", result.Stdout + result.Stderr);
    }

    /// <summary>Needs the PostgreSQL stores (the issue 15 merge): the checks after the database one read them.</summary>
    [SkippableFact]
    public async Task MigratedDatabase_IsCurrent()
    {
        await using var schema = await PostgresTestServer.CreateSchemaAsync("doctor");
        await using (var database = new PostgresDatabase(schema.ConnectionString, TimeProvider.System))
        {
            await database.MigrateAsync(CancellationToken.None);
        }

        WriteMasterKey();

        var result = await _cli.RunAsync("doctor", "--urls", _urls, "--database", schema.ConnectionString);

        var line = Line(result, "database");
        Assert.StartsWith("ok", line, StringComparison.Ordinal);
        Assert.Contains("is reachable; schema version", line, StringComparison.Ordinal);
        Assert.DoesNotContain("connectors:connectors", result.Stdout + result.Stderr);
    }

    private void WriteMasterKey()
    {
        var path = Path.Combine(_cli.Root, "master.key");
        File.WriteAllText(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private static string Line(CliResult result, string check) =>
        Assert.Single(result.StdoutLines, l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [_, var name, ..] && name == check);

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
