using System.Net;
using System.Net.Sockets;
using Connectors.Mcp.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Tests.Commands.Doctor;

/// <summary>
/// <c>doctor</c> through the real root command: a fresh home says what to run first and is left as it was; a healthy
/// home exits 0; each failing check is provoked for real and its line and fix asserted.
/// </summary>
public sealed class DoctorCommandTests : IDisposable
{
    private const string AccessToken = "ya29.doctor-test-access-token";
    private const string ClientSecret = "doctor-test-client-secret";

    private readonly CliHarness _cli = new();
    private readonly string _urls = $"http://127.0.0.1:{FreePort()}";

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task FreshHome_SaysCreateAWorkspaceFirst_AndCreatesNothing()
    {
        var home = Path.Combine(_cli.Root, "fresh");

        var result = await _cli.RunRawAsync(["doctor", "--home", home, "--urls", _urls]);

        Assert.Equal(1, result.ExitCode);
        var first = result.StdoutLines[0];
        Assert.StartsWith("fail  home", first, StringComparison.Ordinal);
        Assert.Contains($"{home} does not exist yet", first, StringComparison.Ordinal);
        Assert.EndsWith($"fix: `connectors-mcp workspace create SLUG --home {home}`", first, StringComparison.Ordinal);
        Assert.DoesNotContain(result.StdoutLines, l => l.Contains("database", StringComparison.Ordinal) || l.Contains("master-key", StringComparison.Ordinal));
        Assert.False(Directory.Exists(home));
    }

    [Fact]
    public async Task FreshSandboxHome_SaysServeTheSandboxFirst()
    {
        var result = await _cli.RunAsync("doctor", "--sandbox", "--urls", _urls);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(Path.Combine(_cli.Root, "sandbox"), result.StdoutLines[0], StringComparison.Ordinal);
        Assert.EndsWith($"fix: `connectors-mcp serve --stdio --sandbox --home {_cli.Root}`", result.StdoutLines[0], StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_cli.Root, "sandbox")));
    }

    [Fact]
    public async Task HomeWithoutDatabase_SaysCreateAWorkspace_AndCreatesNoDatabaseOrKey()
    {
        var result = await _cli.RunAsync("doctor", "--urls", _urls);

        Assert.Equal(1, result.ExitCode);
        var database = Line(result, "database");
        Assert.StartsWith("fail", database, StringComparison.Ordinal);
        Assert.EndsWith($"fix: `connectors-mcp workspace create SLUG --home {_cli.Root}`", database, StringComparison.Ordinal);
        Assert.StartsWith("ok", Line(result, "master-key"), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_cli.Root));
    }

    [Fact]
    public async Task HealthyHome_ExitsZero_AndPrintsNoSecret()
    {
        await HealthyHomeAsync();

        var result = await _cli.RunAsync("doctor", "--urls", _urls);
        var json = await _cli.RunAsync("doctor", "--urls", _urls, "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            ["home", "master-key", "database", "audit", "oauth-clients", "connectors", "admin-token", "port", "allowed-hosts"],
            result.StdoutLines[..^1].Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]));
        Assert.All(result.StdoutLines[..^1], l => Assert.StartsWith("ok", l, StringComparison.Ordinal));
        Assert.Equal("All is well.", result.StdoutLines[^1]);
        Assert.Equal(0, json.ExitCode);
        var findings = CliHarness.JsonLines(json);
        Assert.Equal(9, findings.Length);
        Assert.All(findings, f =>
        {
            Assert.Equal("ok", (string)f["status"]!);
            Assert.Null(f["fix"]);
            Assert.False(string.IsNullOrEmpty((string?)f["message"]));
        });
        var key = await File.ReadAllTextAsync(Path.Combine(_cli.Root, "master.key"));
        foreach (var secret in new[] { AccessToken, ClientSecret, key.Trim() })
        {
            Assert.DoesNotContain(secret, result.Stdout + result.Stderr + json.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task MasterKeyReadableByOthers_FailsWithChmod()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix file modes only.
        }

        await HealthyHomeAsync();
        var keyPath = Path.Combine(_cli.Root, "master.key");
        File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var result = await _cli.RunAsync("doctor", "--urls", _urls);

        Assert.Equal(1, result.ExitCode);
        var line = Line(result, "master-key");
        Assert.StartsWith("fail", line, StringComparison.Ordinal);
        Assert.Contains("(mode 0644)", line, StringComparison.Ordinal);
        Assert.EndsWith($"fix: chmod 600 {keyPath}", line, StringComparison.Ordinal);
        Assert.Single(result.StdoutLines, l => l.StartsWith("fail", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MasterKeyMissingWhileSecretsAreStored_FailsAndIsNotRecreated()
    {
        await HealthyHomeAsync();
        var keyPath = Path.Combine(_cli.Root, "master.key");
        File.Delete(keyPath);

        var result = await _cli.RunAsync("doctor", "--urls", _urls);

        Assert.Equal(1, result.ExitCode);
        var line = Line(result, "master-key");
        Assert.Contains("is missing, yet the database holds 2 encrypted", line, StringComparison.Ordinal);
        Assert.Contains($"fix: restore {keyPath} from backup", line, StringComparison.Ordinal);
        Assert.Contains("cannot be decrypted", Line(result, "oauth-clients"), StringComparison.Ordinal);
        Assert.False(File.Exists(keyPath));
    }

    [Fact]
    public async Task ConnectorInNeedsReauth_FailsWithConnectorConnect()
    {
        await HealthyHomeAsync();
        var fresh = await _cli.AddConnectorAsync("acme", "second");

        var result = await _cli.RunAsync("doctor", "--urls", _urls);

        Assert.Equal(1, result.ExitCode);
        var line = Line(result, "connectors");
        Assert.StartsWith("fail", line, StringComparison.Ordinal);
        Assert.Contains($"Connector 'second' ({fresh}, gmail) in workspace 'acme' has no usable grant (credential state needs_reauth).", line, StringComparison.Ordinal);
        Assert.EndsWith($"fix: `connectors-mcp connector connect {fresh} --home {_cli.Root}`", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectorRefusedByItsProvider_NamesTheLastError()
    {
        var connectorId = await HealthyHomeAsync();
        await using (var services = await _cli.BuildServicesAsync())
        {
            await services.GetRequiredService<IConnectorStore>().MarkNeedsReauthAsync(connectorId, "invalid_grant: Token has been expired or revoked.", CancellationToken.None);
        }

        var result = await _cli.RunAsync("doctor", "--urls", _urls);

        Assert.Equal(1, result.ExitCode);
        var line = Line(result, "connectors");
        Assert.Contains("Last error: invalid_grant: Token has been expired or revoked.", line, StringComparison.Ordinal);
        Assert.EndsWith($"fix: `connectors-mcp connector connect {connectorId} --home {_cli.Root}`", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FixesForTheSandboxHome_CarryTheSandboxFlag()
    {
        Assert.Equal(0, (await _cli.RunAsync("workspace", "create", "acme", "--sandbox")).ExitCode);
        var added = await _cli.RunAsync("connector", "add", "acme", "gmail", "--sandbox");
        var connectorId = added.Stdout.Trim();

        var result = await _cli.RunAsync("doctor", "--sandbox", "--urls", _urls);

        Assert.Equal(1, result.ExitCode);
        Assert.EndsWith($"fix: `connectors-mcp connector connect {connectorId} --home {_cli.Root} --sandbox`", Line(result, "connectors"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TamperedAuditRow_FailsWithAuditVerify()
    {
        var connectorId = await HealthyHomeAsync();
        var rowId = await RecordAuditRowAsync(connectorId);
        await ExecuteAsync($"UPDATE connector_actions SET status = 'failed' WHERE id = {rowId};");

        var result = await _cli.RunAsync("doctor", "--urls", _urls);

        Assert.Equal(1, result.ExitCode);
        var line = Line(result, "audit");
        Assert.Contains($"The audit chain of workspace 'acme' is broken at row {rowId}: ", line, StringComparison.Ordinal);
        Assert.EndsWith($"fix: `connectors-mcp audit verify acme --home {_cli.Root}`", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PortHeldByAnotherListener_FailsWithServeHttpUrls()
    {
        await HealthyHomeAsync();
        var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        try
        {
            var port = ((IPEndPoint)holder.LocalEndpoint).Port;

            var result = await _cli.RunAsync("doctor", "--urls", $"http://127.0.0.1:{port}");

            Assert.Equal(1, result.ExitCode);
            var line = Line(result, "port");
            Assert.StartsWith($"fail  port           127.0.0.1:{port} is in use", line, StringComparison.Ordinal);
            Assert.EndsWith($"fix: `connectors-mcp serve --http --urls http://127.0.0.1:PORT --home {_cli.Root}`", line, StringComparison.Ordinal);
        }
        finally
        {
            holder.Stop();
        }
    }

    [Fact]
    public async Task ProviderInUseWithoutOAuthClient_FailsWithOAuthClientSet()
    {
        await _cli.CreateWorkspaceAsync("acme");
        var connectorId = await _cli.AddConnectorAsync("acme");
        Assert.Equal(0, (await _cli.RunWithStdinAsync(AccessToken, "connector", "set-token", connectorId, "--access-token", "-")).ExitCode);
        Assert.Equal(0, (await _cli.RunAsync("admin", "token", "create")).ExitCode);

        var result = await _cli.RunAsync("doctor", "--urls", _urls, "--json");

        Assert.Equal(1, result.ExitCode);
        var failed = Assert.Single(CliHarness.JsonLines(result), f => (string)f["status"]! != "ok");
        Assert.Equal("oauth-clients", (string)failed["name"]!);
        Assert.Equal("fail", (string)failed["status"]!);
        Assert.Equal("No OAuth client for provider 'google', used by 1 connector(s): they cannot connect or refresh their tokens.", (string)failed["message"]!);
        Assert.Equal($"`connectors-mcp oauth-client set google --client-id ID --client-secret - --home {_cli.Root}`", (string)failed["fix"]!);
    }

    [Fact]
    public async Task DatabaseFromANewerBuild_IsReportedAndNotMigrated()
    {
        await HealthyHomeAsync();
        await ExecuteAsync("INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, '9999_from_the_future', '2030-01-01T00:00:00.000Z');");

        var result = await _cli.RunAsync("doctor", "--urls", _urls);

        Assert.Equal(1, result.ExitCode);
        var line = Line(result, "database");
        Assert.Contains("has schema version 9999, newer than this build knows", line, StringComparison.Ordinal);
        Assert.Contains("fix: run the newer connectors-mcp", line, StringComparison.Ordinal);
        // The checks that read the stores stay silent rather than read a schema they do not know.
        Assert.DoesNotContain(result.StdoutLines, l => l.Contains("  audit ", StringComparison.Ordinal) || l.Contains("  connectors ", StringComparison.Ordinal));
        Assert.Equal(9999, await ScalarAsync("SELECT max(version) FROM schema_migrations;"));
    }

    [Fact]
    public async Task DatabaseMissingAMigration_SaysAnyCommandAppliesIt_AndDoesNotApplyIt()
    {
        await HealthyHomeAsync();
        var newest = await ScalarAsync("SELECT max(version) FROM schema_migrations;");
        await ExecuteAsync($"DELETE FROM schema_migrations WHERE version = {newest};");

        var result = await _cli.RunAsync("doctor", "--urls", _urls);

        Assert.Equal(1, result.ExitCode);
        var line = Line(result, "database");
        Assert.Contains($"has schema version {newest - 1}; this build's is {newest}", line, StringComparison.Ordinal);
        Assert.EndsWith($"fix: `connectors-mcp workspace list --home {_cli.Root}`", line, StringComparison.Ordinal);
        Assert.Equal(newest - 1, await ScalarAsync("SELECT max(version) FROM schema_migrations;"));
    }

    [Fact]
    public async Task NoAdminToken_IsAWarning_AndStillExitsZero()
    {
        await HealthyHomeAsync(adminToken: false);

        var result = await _cli.RunAsync("doctor", "--urls", _urls);

        Assert.Equal(0, result.ExitCode);
        var line = Line(result, "admin-token");
        Assert.StartsWith("warn", line, StringComparison.Ordinal);
        Assert.EndsWith($"fix: `connectors-mcp admin token create --home {_cli.Root}`", line, StringComparison.Ordinal);
        Assert.Equal("All is well; 1 warning(s) worth a look.", result.StdoutLines[^1]);
    }

    [Fact]
    public async Task EveryInterfaceBindWithoutAllowedHosts_FailsWithTheVariable()
    {
        if (Environment.GetEnvironmentVariable("CONNECTORS_MCP_ALLOWED_HOSTS") is not null)
        {
            return; // Set in this environment: the bind is then allowed by name.
        }

        await HealthyHomeAsync();

        var result = await _cli.RunAsync("doctor", "--urls", $"http://0.0.0.0:{FreePort()}");

        Assert.Equal(1, result.ExitCode);
        var line = Line(result, "allowed-hosts");
        Assert.Contains("is empty: requests that name this machine are refused", line, StringComparison.Ordinal);
        Assert.EndsWith("fix: export CONNECTORS_MCP_ALLOWED_HOSTS=HOST[,HOST…] (the names clients use)", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UrlsThatAreNotHttp_AreAUsageError()
    {
        var result = await _cli.RunAsync("doctor", "--urls", "ftp://127.0.0.1:21");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--urls takes http(s) URLs", result.Stderr, StringComparison.Ordinal);
    }

    /// <summary>A workspace with one connected gmail connector, google's OAuth client and an admin token. Returns the connector id.</summary>
    private async Task<string> HealthyHomeAsync(bool adminToken = true)
    {
        await _cli.CreateWorkspaceAsync("acme");
        var connectorId = await _cli.AddConnectorAsync("acme");
        Assert.Equal(0, (await _cli.RunWithStdinAsync(AccessToken, "connector", "set-token", connectorId, "--access-token", "-")).ExitCode);
        Assert.Equal(0, (await _cli.RunWithStdinAsync(ClientSecret, "oauth-client", "set", "google", "--client-id", "client-1.apps.googleusercontent.com", "--client-secret", "-")).ExitCode);
        if (adminToken)
        {
            Assert.Equal(0, (await _cli.RunAsync("admin", "token", "create")).ExitCode);
        }

        return connectorId;
    }

    private async Task<long> RecordAuditRowAsync(string connectorId)
    {
        await using var services = await _cli.BuildServicesAsync();
        var workspace = await services.GetRequiredService<IWorkspaceStore>().FindBySlugAsync("acme", CancellationToken.None);
        var now = _cli.Time.GetUtcNow();
        var intent = new AuditIntent(workspace!.Id, connectorId, "gmail_send_email", "send_email", """{"to":["bob@example.com"]}""", new string('b', 64), null, "test", now);
        return await services.GetRequiredService<IAuditLog>().RecordAsync(intent, new AuditCompletion(AuditStatus.Succeeded, now.AddMilliseconds(15), null), CancellationToken.None);
    }

    private static string Line(CliResult result, string check) =>
        Assert.Single(result.StdoutLines, l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [_, var name, ..] && name == check);

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_cli.Root, "connectors.db")};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_cli.Root, "connectors.db")};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
