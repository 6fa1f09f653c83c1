using System.Security.Cryptography;
using Connectors.Mcp.TestSupport.Postgres;

namespace Connectors.Mcp.Tests.EndToEnd;

/// <summary>
/// A real start on PostgreSQL: the CLI creates a workspace and a key with <c>--database</c>, <c>serve --http
/// --database</c> migrates and serves it to the C# client (2026-07-28), and no <c>connectors.db</c> appears in the home.
/// Needs the PostgreSQL stores (the issue 15 merge) and a cluster (<see cref="PostgresTestServer"/>); skips without one.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class PostgresServeTests
{
    [SkippableFact]
    public async Task Serve_OnPostgres_MigratesAndServesTheWorkspace()
    {
        await using var schema = await PostgresTestServer.CreateSchemaAsync("serve");
        await using var installation = await Installation.CreateAsync();
        var keyPath = Path.Combine(installation.Home, "master.key");
        await File.WriteAllTextAsync(keyPath, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        await installation.Cli.RunOkAsync("workspace", "create", "acme", "--database", schema.ConnectionString);
        var apiKey = (await installation.Cli.RunOkAsync("apikey", "create", "acme", "--database", schema.ConnectionString)).Stdout.Trim();

        await using var server = await HttpServerProcess.StartAsync(installation.Home, "--database", schema.ConnectionString);
        await using var client = await server.ConnectAsync(apiKey, options: ClientOptions.Plain().Speaking(ClientOptions.StatelessProtocol));
        var tools = (await client.ListToolsRawAsync()).Select(t => t.Name).Order(StringComparer.Ordinal).ToList();
        var connectors = (await client.CallAsync("list_connectors")).AssertSuccess().Structured();

        Assert.Equal(["get_approval", "list_connectors"], tools);
        Assert.Equal("acme", (string)connectors["workspace"]!);
        Assert.False(File.Exists(installation.DatabasePath), "PostgreSQL was chosen: no connectors.db");
        Assert.DoesNotContain("password", server.Log.Text, StringComparison.OrdinalIgnoreCase);
    }
}
