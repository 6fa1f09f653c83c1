using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Connectors.Mcp.Composition;
using Connectors.Mcp.Core.Json;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Sandbox.Google;
using Connectors.Mcp.Tests.Commands;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Tests.EndToEnd;

/// <summary>
/// kill -9 of the real <c>connectors-mcp approvals approve</c> after it claimed the run. The approval must not stay
/// running: the next look at it (here `approvals list`, run in this process on the same home) settles it — failed /
/// interrupted (outcome unknown) when the run's intent row was written, back to approved when it was killed before
/// that (and then it runs exactly once) — also while the killed process is an unreaped zombie.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ApprovalKillTests
{
    private const string Workspace = "kills";

    [Fact]
    public async Task KilledAfterItsIntentRow_WhileGmailHoldsTheSend_ApprovalEndsFailedInterrupted()
    {
        await using var installation = await Installation.CreateAsync();
        var approvalId = await QueueAsync(installation, "held send");
        installation.Google.InjectFault(FakeGoogleEndpoints.MessagesSend, FakeFault.Slow(TimeSpan.FromMinutes(2)));

        using var approve = StartApprove(installation.Home, approvalId);
        try
        {
            await WaitUntilAsync(() => installation.Google.RequestCount(FakeGoogleEndpoints.MessagesSend) > 0, approve);
        }
        finally
        {
            approve.Kill();
            await approve.WaitForExitAsync().WaitAsync(Bounded.Shutdown);
        }

        Assert.Equal("running", ReadStatus(installation, approvalId));
        await AssertFailedInterruptedAsync(installation, approvalId);
    }

    [Fact]
    public async Task KilledBetweenItsClaimAndItsIntentRow_ApprovalGoesBackToApproved_AndThenRunsExactlyOnce()
    {
        await using var installation = await Installation.CreateAsync();
        var subject = $"claimed, never sent {Guid.NewGuid():N}";
        var approvalId = await QueueAsync(installation, subject);

        // The idempotency claim is the write just before the intent row: this trigger keeps that transaction busy (it
        // never commits), so the process is killed after its claim and before anything of its run is in the log.
        Execute(installation,
            """
            CREATE VIEW hold_run AS WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 10000000000) SELECT count(*) AS c FROM n;
            CREATE TRIGGER hold_run BEFORE INSERT ON idempotency_keys BEGIN SELECT c FROM hold_run; END;
            """);
        using var approve = StartApprove(installation.Home, approvalId);
        try
        {
            await WaitUntilAsync(() => ReadStatus(installation, approvalId) == "running", approve);
        }
        finally
        {
            approve.Kill();
            await approve.WaitForExitAsync().WaitAsync(Bounded.Shutdown);
        }

        Execute(installation, "DROP TRIGGER hold_run; DROP VIEW hold_run;");
        Assert.Equal("running", ReadStatus(installation, approvalId));

        var listed = await ListedAsync(installation, approvalId);
        Assert.Equal("approved", (string)listed["status"]!);
        Assert.DoesNotContain((await installation.AuditAsync(Workspace)).Rows, r => (string?)r["approval_id"] == approvalId);

        // Approving again runs it (no second decision needed), once.
        var again = await installation.Cli.RunAsync("approvals", "approve", approvalId);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal("succeeded", (string)(await ListedAsync(installation, approvalId))["status"]!);
        Assert.Single(installation.Google.SentMessages, m => m.Message.Subject == subject);
    }

    /// <summary>
    /// The approve process is started by a shell that then execs into <c>sleep</c>, which never waits for children: once
    /// killed, it stays a zombie (state Z) with its pid, /proc entry and start time — and must still count as gone.
    /// </summary>
    [Fact]
    public async Task KilledAndNotYetReaped_AZombieOwner_StillCountsAsGone()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        await using var installation = await Installation.CreateAsync();
        var approvalId = await QueueAsync(installation, "zombie send");
        installation.Google.InjectFault(FakeGoogleEndpoints.MessagesSend, FakeFault.Slow(TimeSpan.FromMinutes(2)));

        var start = new ProcessStartInfo("sh") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in (string[])["-c", "\"$@\" >/dev/null 2>&1 & echo $!; exec sleep 120", "sh", ServerExecutable.DotnetHost, ServerExecutable.DllPath, "approvals", "approve", approvalId, "--home", installation.Home])
        {
            start.ArgumentList.Add(argument);
        }

        using var parent = Process.Start(start)!;
        try
        {
            var pid = int.Parse((await parent.StandardOutput.ReadLineAsync().WaitAsync(Bounded.Startup))!, CultureInfo.InvariantCulture);
            await WaitUntilAsync(() => installation.Google.RequestCount(FakeGoogleEndpoints.MessagesSend) > 0, parent);
            using (var kill = Process.Start("kill", ["-KILL", pid.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync().WaitAsync(Bounded.Shutdown);
            }

            await WaitUntilAsync(() => ProcessState(pid) == 'Z', parent);

            await AssertFailedInterruptedAsync(installation, approvalId);
            Assert.Equal('Z', ProcessState(pid)); // still unreaped when it was judged gone
        }
        finally
        {
            parent.Kill();
            await parent.WaitForExitAsync().WaitAsync(Bounded.Shutdown);
        }
    }

    private static async Task AssertFailedInterruptedAsync(Installation installation, string approvalId)
    {
        var listed = await ListedAsync(installation, approvalId);
        Assert.Equal("failed", (string)listed["status"]!);
        Assert.StartsWith("interrupted (outcome unknown): ", (string)listed["error"]!, StringComparison.Ordinal);

        var run = Assert.Single((await installation.AuditAsync(Workspace)).Rows, r => (string?)r["approval_id"] == approvalId);
        Assert.Equal("failed", (string)run["status"]!);
        Assert.Equal("interrupted", (string)run["error_code"]!);

        var deny = await installation.Cli.RunAsync("approvals", "deny", approvalId);
        Assert.NotEqual(0, deny.ExitCode);
        Assert.Contains("already failed", deny.Stderr, StringComparison.Ordinal);
        var verify = await installation.Cli.RunOkAsync("audit", "verify", Workspace);
        Assert.Contains("intact", verify.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("running", verify.Stdout, StringComparison.Ordinal);
    }

    /// <summary>A queued send_email for a Gmail connector at the fake, as the pipeline would queue it.</summary>
    private static async Task<string> QueueAsync(Installation installation, string subject)
    {
        await installation.CreateWorkspaceAsync(Workspace);
        var gmail = await installation.AddGmailAsync(Workspace);
        var arguments = new JsonObject { ["to"] = new JsonArray("kill@acme.example"), ["subject"] = subject, ["body"] = "kill -9 after the claim" };
        await using var services = await AppServices.BuildAsync(AppHome.Resolve(installation.Home, sandbox: false), CancellationToken.None);
        var workspace = await services.GetRequiredService<IWorkspaceStore>().FindBySlugAsync(Workspace, CancellationToken.None);
        var approval = await services.GetRequiredService<IApprovalStore>().CreateAsync(
            new NewApproval(workspace!.Id, gmail.ConnectorId, gmail.Tool("send_email"), "send_email", arguments.ToJsonString(), CanonicalJson.Sha256(arguments), $"Send {subject}", TimeSpan.FromHours(1)),
            CancellationToken.None);
        return approval.Id;
    }

    private static Process StartApprove(string home, string approvalId)
    {
        var start = new ProcessStartInfo(ServerExecutable.DotnetHost) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])[ServerExecutable.DllPath, "approvals", "approve", approvalId, "--home", home])
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<JsonObject> ListedAsync(Installation installation, string approvalId) =>
        CliHarness.JsonLines(await installation.Cli.RunOkAsync("approvals", "list", Workspace, "--json")).Single(l => (string?)l["approval_id"] == approvalId);

    private static string? ReadStatus(Installation installation, string approvalId)
    {
        using var connection = new SqliteConnection($"Data Source={installation.DatabasePath};Pooling=False;Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT status FROM approvals WHERE id = $id;";
        command.Parameters.AddWithValue("$id", approvalId);
        return command.ExecuteScalar() as string;
    }

    private static void Execute(Installation installation, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={installation.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static char? ProcessState(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[stat.LastIndexOf(')') + 2];
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, Process process)
    {
        using var timeout = new CancellationTokenSource(Bounded.Call);
        while (!condition())
        {
            Assert.False(process.HasExited, $"the process exited early (exit {(process.HasExited ? process.ExitCode : 0)})");
            await Task.Delay(20, timeout.Token);
        }
    }
}
