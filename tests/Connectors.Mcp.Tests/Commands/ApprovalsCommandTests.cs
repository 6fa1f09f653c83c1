using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Tests.Commands;

public sealed class ApprovalsCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task List_Empty_PrintsNothing()
    {
        await _cli.CreateWorkspaceAsync("acme");

        var table = await _cli.RunAsync("approvals", "list", "acme");
        var json = await _cli.RunAsync("approvals", "list", "acme", "--json");

        Assert.Equal(0, table.ExitCode);
        Assert.Equal("", table.Stdout);
        Assert.Contains("no approvals", table.Stderr);
        Assert.Equal(0, json.ExitCode);
        Assert.Equal("", json.Stdout);
    }

    [Fact]
    public async Task List_ShowsPendingApprovalsWithTheirSummaryAndExpiry()
    {
        var approvalId = await QueueApprovalAsync();

        var json = await _cli.RunAsync("approvals", "list", "acme", "--json");
        var table = await _cli.RunAsync("approvals", "list", "acme");

        Assert.Equal(0, json.ExitCode);
        var line = Assert.Single(CliHarness.JsonLines(json));
        Assert.Equal(approvalId, (string)line["approval_id"]!);
        Assert.Equal("gmail_send_email", (string)line["tool"]!);
        Assert.Equal("pending", (string)line["status"]!);
        Assert.Equal("Send mail to bob@example.com\nSubject: Lunch", (string)line["summary"]!);
        Assert.Equal(_cli.Time.GetUtcNow().AddHours(24), DateTimeOffset.Parse((string)line["expires_at"]!));
        Assert.Equal(["APPROVAL_ID", "TOOL", "STATUS", "SUMMARY", "EXPIRES_AT"], table.StdoutLines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Send mail to bob@example.com Subject: Lunch", table.StdoutLines[1]);
    }

    [Fact]
    public async Task Deny_RecordsTheDecisionAndReason_AndCannotDecideTwice()
    {
        var approvalId = await QueueApprovalAsync();

        var denied = await _cli.RunAsync("approvals", "deny", approvalId, "--reason", "not today");
        var again = await _cli.RunAsync("approvals", "deny", approvalId);

        Assert.Equal(0, denied.ExitCode);
        Assert.Contains($"Denied {approvalId}", denied.Stdout);
        await using (var services = await _cli.BuildServicesAsync())
        {
            var approval = await services.GetRequiredService<IApprovalStore>().FindAsync(approvalId, CancellationToken.None);
            Assert.Equal(ApprovalStatus.Denied, approval?.Status);
            Assert.Equal("not today", approval?.Reason);
            Assert.StartsWith("cli:", approval?.DecidedBy);
        }

        Assert.Equal(1, again.ExitCode);
        Assert.StartsWith("error: ", again.Stderr);
    }

    [Fact]
    public async Task Deny_Expired_IsRefused()
    {
        var approvalId = await QueueApprovalAsync();
        _cli.Time.Advance(TimeSpan.FromHours(25));

        var list = await _cli.RunAsync("approvals", "list", "acme", "--json");
        var denied = await _cli.RunAsync("approvals", "deny", approvalId);

        Assert.Equal("expired", (string)CliHarness.JsonLines(list).Single()["status"]!);
        Assert.Equal(1, denied.ExitCode);
    }

    [Fact]
    public async Task Approve_RecordsTheDecisionBeforeRunningIt()
    {
        var approvalId = await QueueApprovalAsync();

        var approved = await _cli.RunAsync("approvals", "approve", approvalId, "--reason", "fine");

        // The runner belongs to the pipeline; whatever it does, the decision is recorded first and nothing is left pending.
        Assert.DoesNotContain("   at ", approved.Stderr);
        await using var services = await _cli.BuildServicesAsync();
        var approval = await services.GetRequiredService<IApprovalStore>().FindAsync(approvalId, CancellationToken.None);
        Assert.NotEqual(ApprovalStatus.Pending, approval?.Status);
        Assert.NotEqual(ApprovalStatus.Denied, approval?.Status);
        Assert.Equal("fine", approval?.Reason);
    }

    [Theory]
    [InlineData("approve")]
    [InlineData("deny")]
    public async Task Decide_UnknownApproval_IsRefused(string verb)
    {
        var result = await _cli.RunAsync("approvals", verb, "ap_missing");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("No approval 'ap_missing'", result.Stderr);
    }

    private async Task<string> QueueApprovalAsync()
    {
        await _cli.CreateWorkspaceAsync("acme");
        var connectorId = await _cli.AddConnectorAsync("acme");
        await using var services = await _cli.BuildServicesAsync();
        var workspace = await services.GetRequiredService<IWorkspaceStore>().FindBySlugAsync("acme", CancellationToken.None);
        var approval = await services.GetRequiredService<IApprovalStore>().CreateAsync(
            new NewApproval(
                workspace!.Id,
                connectorId,
                "gmail_send_email",
                "send_email",
                """{"to":["bob@example.com"],"subject":"Lunch"}""",
                new string('a', 64),
                "Send mail to bob@example.com\nSubject: Lunch",
                TimeSpan.FromHours(24)),
            CancellationToken.None);
        return approval.Id;
    }
}
