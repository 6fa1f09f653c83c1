using Connectors.Mcp.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Tests.Commands;

public sealed class AuditCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task EmptyLog_ListsNothing_AndVerifiesIntact()
    {
        await _cli.CreateWorkspaceAsync("acme");

        var list = await _cli.RunAsync("audit", "list", "acme", "--json");
        var verify = await _cli.RunAsync("audit", "verify", "acme");

        Assert.Equal(0, list.ExitCode);
        Assert.Equal("", list.Stdout);
        Assert.Equal(0, verify.ExitCode);
        Assert.Contains("is intact: 0 rows checked", verify.Stdout);
    }

    [Fact]
    public async Task PopulatedLog_ListsNewestFirstAsJsonLines()
    {
        var ids = await PopulateAsync();

        var json = await _cli.RunAsync("audit", "list", "acme", "--json");
        var limited = await _cli.RunAsync("audit", "list", "acme", "--json", "--limit", "2");
        var table = await _cli.RunAsync("audit", "list", "acme");

        Assert.Equal(0, json.ExitCode);
        var lines = CliHarness.JsonLines(json);
        Assert.Equal(ids.AsEnumerable().Reverse(), lines.Select(l => (long)l["id"]!));
        Assert.Equal(["succeeded", "rejected", "pending_approval"], lines.Select(l => (string)l["status"]!));
        var rejected = lines.Single(l => (string)l["status"]! == "rejected");
        Assert.Equal("invalid_arguments", (string)rejected["error_code"]!);
        Assert.Equal(3, (int)rejected["arguments"]!["body"]!["length"]!);
        Assert.All(lines, l => Assert.Equal("gmail_send_email", (string)l["tool"]!));
        Assert.Equal(2, CliHarness.JsonLines(limited).Length);
        Assert.Equal(4, table.StdoutLines.Length);
        Assert.StartsWith("ID", table.StdoutLines[0]);
    }

    [Fact]
    public async Task Verify_NamesAnApprovalThatIsRunning_WithItsLease()
    {
        var approvalId = await ClaimedApprovalAsync();

        var verify = await _cli.RunAsync("audit", "verify", "acme");

        Assert.Equal(0, verify.ExitCode);
        Assert.Contains($"1 approval(s) are running: {approvalId} (lease until 2025-06-01T12:03:00.000Z).", verify.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_AnApprovalStuckRunningAfterItsProcessDied_IsSettledAndNamed()
    {
        var approvalId = await ClaimedApprovalAsync();
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(_cli.Root, "connectors.db")};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"UPDATE approvals SET claim_owner = '{Environment.MachineName}/{int.MaxValue - 1}/1';";
            command.ExecuteNonQuery();
        }

        var verify = await _cli.RunAsync("audit", "verify", "acme");

        Assert.Equal(0, verify.ExitCode);
        Assert.Contains($"Settled 1 approval run(s) whose process was gone or whose lease was over: {approvalId} back to approved (nothing was sent).", verify.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("are running", verify.Stdout, StringComparison.Ordinal);
    }

    /// <summary>An approved approval claimed by this process, as `approvals approve` does just before it runs the call.</summary>
    private async Task<string> ClaimedApprovalAsync()
    {
        await _cli.CreateWorkspaceAsync("acme");
        var connectorId = await _cli.AddConnectorAsync("acme");
        await using var services = await _cli.BuildServicesAsync();
        var workspace = await services.GetRequiredService<IWorkspaceStore>().FindBySlugAsync("acme", CancellationToken.None);
        var approvals = services.GetRequiredService<IApprovalStore>();
        var approval = await approvals.CreateAsync(
            new NewApproval(workspace!.Id, connectorId, "gmail_send_email", "send_email", """{"to":["bob@example.com"]}""", new string('a', 64), "Send", TimeSpan.FromHours(24)),
            CancellationToken.None);
        await approvals.DecideAsync(approval.Id, approve: true, "cli:alice", null, CancellationToken.None);
        Assert.True(await approvals.TryClaimAsync(approval.Id, CancellationToken.None));
        return approval.Id;
    }

    [Fact]
    public async Task PopulatedLog_VerifiesIntact()
    {
        await PopulateAsync();

        var verify = await _cli.RunAsync("audit", "verify", "acme");

        Assert.Equal(0, verify.ExitCode);
        Assert.Contains("is intact: 3 rows checked", verify.Stdout);
    }

    [Fact]
    public async Task EditedRow_FailsVerifyNamingThatRow()
    {
        var ids = await PopulateAsync();
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(_cli.Root, "connectors.db")};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var tamper = connection.CreateCommand();
            tamper.CommandText = "UPDATE connector_actions SET status = 'succeeded', error_code = NULL WHERE id = $id;";
            tamper.Parameters.AddWithValue("$id", ids[1]);
            Assert.Equal(1, await tamper.ExecuteNonQueryAsync());
        }

        var verify = await _cli.RunAsync("audit", "verify", "acme");

        Assert.Equal(1, verify.ExitCode);
        Assert.Equal("", verify.Stdout);
        Assert.StartsWith($"error: Audit chain of workspace 'acme' is broken at row {ids[1]}: ", verify.Stderr);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("100000")]
    public async Task List_LimitOutOfRange_IsAUsageError(string limit)
    {
        await _cli.CreateWorkspaceAsync("acme");

        var list = await _cli.RunAsync("audit", "list", "acme", "--limit", limit);

        Assert.Equal(2, list.ExitCode);
        Assert.Contains("--limit", list.Stderr);
    }

    [Fact]
    public async Task UnknownWorkspace_IsRefused()
    {
        var verify = await _cli.RunAsync("audit", "verify", "nope");

        Assert.Equal(1, verify.ExitCode);
        Assert.Contains("No workspace 'nope'.", verify.Stderr);
    }

    /// <summary>Three final rows through the real audit log: pending approval, rejected, succeeded.</summary>
    private async Task<long[]> PopulateAsync()
    {
        await _cli.CreateWorkspaceAsync("acme");
        var connectorId = await _cli.AddConnectorAsync("acme");
        await using var services = await _cli.BuildServicesAsync();
        var workspace = await services.GetRequiredService<IWorkspaceStore>().FindBySlugAsync("acme", CancellationToken.None);
        var audit = services.GetRequiredService<IAuditLog>();
        var ids = new List<long>();
        foreach (var (status, code) in new[] { (AuditStatus.PendingApproval, (string?)null), (AuditStatus.Rejected, "invalid_arguments"), (AuditStatus.Succeeded, null) })
        {
            var now = _cli.Time.GetUtcNow();
            var intent = new AuditIntent(
                workspace!.Id,
                connectorId,
                "gmail_send_email",
                "send_email",
                """{"to":["bob@example.com"],"body":{"length":3,"sha256":"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"}}""",
                new string('b', 64),
                null,
                "test",
                now);
            ids.Add(await audit.RecordAsync(intent, new AuditCompletion(status, now.AddMilliseconds(15), code), CancellationToken.None));
            _cli.Time.Advance(TimeSpan.FromSeconds(1));
        }

        return [.. ids];
    }
}
