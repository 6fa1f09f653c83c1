using System.Text.Json.Nodes;
using Connectors.Mcp.Tests.Commands;
using ModelContextProtocol.Protocol;

namespace Connectors.Mcp.Tests.EndToEnd;

/// <summary>
/// A client without elicitation: a gated send is queued (not an error), decided with the CLI on the same home while the
/// server runs, and reported by get_approval. An approved send runs exactly once, whoever asks and however often.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ApprovalQueueTests(StdioWorkspaceFixture fixture) : IClassFixture<StdioWorkspaceFixture>
{
    private Sandbox.Google.FakeGoogleServer Google => fixture.Installation.Google;

    private InProcessCli Cli => fixture.Installation.Cli;

    [Fact]
    public async Task QueuedSend_ApprovedWithTheCli_RunsExactlyOnce_AndGetApprovalReportsItsResult()
    {
        var subject = $"Offer letter {Guid.NewGuid():N}";

        var queued = await SendAsync(subject);

        // Queued, not an error: the pending shape, valid against the tool's published outputSchema.
        queued.AssertSuccess();
        OutputSchemaAssert.Valid(fixture.Tools["gmail_send_email"], queued);
        var pending = queued.Structured();
        Assert.Equal(["approval_id", "expires_at", "status"], pending.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal("pending_approval", (string)pending["status"]!);
        var approvalId = (string)pending["approval_id"]!;
        var expiresAt = DateTimeOffset.Parse((string)pending["expires_at"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expiresAt - DateTimeOffset.UtcNow, TimeSpan.FromHours(23), TimeSpan.FromHours(25));
        Assert.Contains(approvalId, queued.Text());
        Assert.Contains("get_approval", queued.Text());
        Assert.Equal(0, SentWith(subject));

        var listed = CliHarness.JsonLines(await Cli.RunOkAsync("approvals", "list", StdioWorkspaceFixture.Workspace, "--json"))
            .Single(l => (string?)l["approval_id"] == approvalId);
        Assert.Equal("gmail_send_email", (string)listed["tool"]!);
        Assert.Equal("pending", (string)listed["status"]!);
        Assert.Contains(subject, (string)listed["summary"]!);
        Assert.Contains("offers@acme.example", (string)listed["summary"]!);

        var stillPending = (await GetApprovalAsync(approvalId)).Structured();
        Assert.Equal("pending", (string)stillPending["status"]!);
        Assert.Equal(0, SentWith(subject));

        await Cli.RunOkAsync("approvals", "approve", approvalId, "--reason", "checked");
        Assert.Equal(1, SentWith(subject));

        var report = await GetApprovalAsync(approvalId);
        OutputSchemaAssert.Valid(fixture.Tools["get_approval"], report);
        var succeeded = report.Structured();
        Assert.Equal("succeeded", (string)succeeded["status"]!);
        var sent = Google.SentMessages.Single(m => m.Message.Subject == subject);
        Assert.Equal(sent.Id, (string)succeeded["result"]!["id"]!);
        Assert.Equal(sent.ThreadId, (string)succeeded["result"]!["thread_id"]!);

        // However often it is asked about or approved again, it never runs twice.
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal("succeeded", (string)(await GetApprovalAsync(approvalId)).Structured()["status"]!);
        }

        var again = await Cli.RunAsync("approvals", "approve", approvalId);
        Assert.NotEqual(0, again.ExitCode);
        Assert.Equal(1, SentWith(subject));
    }

    [Fact]
    public async Task ApprovalRacedByConcurrentGetApprovalCalls_SendsExactlyOnce()
    {
        var subject = $"Race {Guid.NewGuid():N}";
        var approvalId = (string)(await SendAsync(subject)).AssertSuccess().Structured()["approval_id"]!;

        using var stop = new CancellationTokenSource();
        var pollers = Enumerable.Range(0, 4).Select(async _ =>
        {
            var statuses = new List<string>();
            while (!stop.IsCancellationRequested)
            {
                statuses.Add((string)(await GetApprovalAsync(approvalId)).Structured()["status"]!);

                // Poll like an agent would, not in a tight loop: the workspace's rate limit (600/min) must not trip.
                await Task.Delay(50);
            }

            return statuses;
        }).ToList();
        var approve = await Cli.RunAsync("approvals", "approve", approvalId);
        await Task.Delay(200);
        stop.Cancel();
        var seen = (await Task.WhenAll(pollers).WaitAsync(Bounded.Call)).SelectMany(s => s).ToList();

        Assert.True(approve.ExitCode == 0, approve.ToString());
        Assert.Equal(1, SentWith(subject));
        Assert.Equal("succeeded", (string)(await GetApprovalAsync(approvalId)).Structured()["status"]!);
        Assert.All(seen, s => Assert.Contains(s, new[] { "pending", "approved", "succeeded" }));
    }

    [Fact]
    public async Task SameCallTwiceWhilePending_IsOneApproval()
    {
        var subject = $"Duplicate {Guid.NewGuid():N}";

        var first = (string)(await SendAsync(subject)).AssertSuccess().Structured()["approval_id"]!;
        var second = (string)(await SendAsync(subject)).AssertSuccess().Structured()["approval_id"]!;

        Assert.Equal(first, second);
        await Cli.RunOkAsync("approvals", "approve", first);
        Assert.Equal(1, SentWith(subject));
    }

    [Fact]
    public async Task DeniedWithTheCli_GetApprovalSaysDenied_AndNothingIsSent()
    {
        var subject = $"Layoffs {Guid.NewGuid():N}";
        var approvalId = (string)(await SendAsync(subject)).AssertSuccess().Structured()["approval_id"]!;

        await Cli.RunOkAsync("approvals", "deny", approvalId, "--reason", "not now");

        var report = await GetApprovalAsync(approvalId);
        OutputSchemaAssert.Valid(fixture.Tools["get_approval"], report);
        Assert.Equal("denied", (string)report.Structured()["status"]!);
        Assert.Equal("not now", (string)report.Structured()["reason"]!);
        Assert.Null(report.Structured()["result"]);
        Assert.Contains("denied", report.Text());
        Assert.Equal(0, SentWith(subject));

        var approveAfterDeny = await Cli.RunAsync("approvals", "approve", approvalId);
        Assert.NotEqual(0, approveAfterDeny.ExitCode);
        Assert.Equal("denied", (string)(await GetApprovalAsync(approvalId)).Structured()["status"]!);
        Assert.Equal(0, SentWith(subject));
    }

    [Fact]
    public async Task GetApproval_UnknownId_IsAnError()
    {
        var text = (await fixture.Client.CallAsync("get_approval", """{"approval_id":"apr_doesnotexist"}""")).AssertError();

        Assert.Contains("apr_doesnotexist", text);
    }

    private Task<CallToolResult> SendAsync(string subject) => fixture.Client.CallAsync("gmail_send_email", new JsonObject
    {
        ["to"] = new JsonArray("offers@acme.example"),
        ["subject"] = subject,
        ["body"] = "Welcome aboard.\nDetails follow.",
    });

    private async Task<CallToolResult> GetApprovalAsync(string approvalId) =>
        (await fixture.Client.CallAsync("get_approval", new JsonObject { ["approval_id"] = approvalId })).AssertSuccess();

    private int SentWith(string subject) => Google.SentMessages.Count(m => m.Message.Subject == subject);
}
