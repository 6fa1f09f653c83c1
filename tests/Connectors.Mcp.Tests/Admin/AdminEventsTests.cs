using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Connectors.Mcp.Composition;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Tests.EndToEnd;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Tests.Admin;

/// <summary>
/// <c>GET /admin/api/events</c> against a real server: a new approval is announced within a second, whether an MCP
/// client of this server queued it or another process wrote it to the same database.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class AdminEventsTests(AdminServerFixture fixture) : IClassFixture<AdminServerFixture>
{
    private static readonly TimeSpan WithinASecond = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Stream_IsAnEventStream_AndNeedsAnAdminCredential()
    {
        using var http = fixture.Http();
        using var anonymous = await http.SendAsync(HttpMethod.Get, "admin/api/events");
        using var apiKey = await http.BearerAsync(HttpMethod.Get, "admin/api/events", fixture.ApiKey);
        await using var stream = await AdminEventStream.OpenAsync(fixture.Server.BaseUrl, fixture.AdminToken);

        await AdminHttp.ErrorAsync(anonymous, HttpStatusCode.Unauthorized, "unauthorized");
        await AdminHttp.ErrorAsync(apiKey, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal("text/event-stream", stream.Response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-store", stream.Response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task ApprovalQueuedByAnMcpClient_IsAnnouncedWithinASecond_ThenTheAuditRow()
    {
        await using var stream = await AdminEventStream.OpenAsync(fixture.Server.BaseUrl, fixture.AdminToken);
        await Task.Delay(400); // past the poller's first (baseline) reading
        stream.Drain();

        var queuedAt = Stopwatch.StartNew();
        (await fixture.Client.CallAsync("gmail_send_email", new JsonObject
        {
            ["to"] = new JsonArray("sse@acme.example"),
            ["subject"] = $"Live {Guid.NewGuid():N}",
            ["body"] = "hello",
        })).AssertSuccess();
        var answered = queuedAt.Elapsed;
        var approvals = await stream.NextAsync(e => e.Name == "approvals", Bounded.Call);
        var announcedAfter = queuedAt.Elapsed;
        var audit = await stream.NextAsync(e => e.Name == "audit", Bounded.Call);

        Assert.Equal("acme", (string)approvals.Data!["workspace"]!);
        Assert.True(announcedAfter - answered < WithinASecond, $"announced {announcedAfter - answered} after the tool answered");
        Assert.Equal("acme", (string)audit.Data!["workspace"]!);
        var newest = (await fixture.Http().GetAsync("admin/api/audit?workspace=acme&limit=1", fixture.AdminToken))["entries"]![0]!;
        Assert.True((long)audit.Data!["last_id"]! <= (long)newest["id"]!);
    }

    [Fact]
    public async Task ApprovalWrittenByAnotherProcess_AndDecidedByTheCli_AreAnnounced()
    {
        await using var stream = await AdminEventStream.OpenAsync(fixture.Server.BaseUrl, fixture.AdminToken);
        await Task.Delay(400);
        stream.Drain();

        // Another process's stores on the same home: what a second server would write.
        ApprovalRecord created;
        await using (var other = await AppServices.BuildAsync(AppHome.Resolve(fixture.Installation.Home, sandbox: false), CancellationToken.None))
        {
            var workspace = await other.GetRequiredService<IWorkspaceStore>().FindBySlugAsync("acme", CancellationToken.None);
            created = await other.GetRequiredService<IApprovalStore>().CreateAsync(
                new NewApproval(workspace!.Id, fixture.Gmail.ConnectorId, "gmail_send_email", "send_email", """{"to":["x@acme.example"],"subject":"s","body":"b"}""", Guid.NewGuid().ToString("N"), "Send 's' to x@acme.example", TimeSpan.FromHours(1)),
                CancellationToken.None);
        }

        var writtenAt = Stopwatch.StartNew();
        var created1 = await stream.NextAsync(e => e.Name == "approvals", Bounded.Call);
        Assert.True(writtenAt.Elapsed < WithinASecond, $"announced after {writtenAt.Elapsed}");
        Assert.Equal("acme", (string)created1.Data!["workspace"]!);

        await fixture.Installation.Cli.RunOkAsync("approvals", "deny", created.Id, "--reason", "from the terminal");
        var decidedAt = Stopwatch.StartNew();
        var decided = await stream.NextAsync(e => e.Name == "approvals", Bounded.Call);
        Assert.True(decidedAt.Elapsed < WithinASecond, $"announced after {decidedAt.Elapsed}");
        Assert.Equal("acme", (string)decided.Data!["workspace"]!);
    }

    [Fact]
    public async Task ConnectorHealthChange_IsAnnounced()
    {
        await using var stream = await AdminEventStream.OpenAsync(fixture.Server.BaseUrl, fixture.AdminToken);
        await Task.Delay(400);
        stream.Drain();

        await fixture.Installation.Cli.RunOkAsync("connector", "disable", fixture.Gmail.ConnectorId);
        try
        {
            var changed = await stream.NextAsync(e => e.Name == "connectors", Bounded.Call);
            Assert.Equal("acme", (string)changed.Data!["workspace"]!);
        }
        finally
        {
            await fixture.Installation.Cli.RunOkAsync("connector", "enable", fixture.Gmail.ConnectorId);
        }
    }
}
