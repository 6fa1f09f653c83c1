using System.Text.Json.Nodes;
using Connectors.Mcp.Tests.EndToEnd;
using Connectors.Mcp.Tests.MultiInstance;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Connectors.Mcp.BrowserTests;

/// <summary>
/// Issue 15's "done when", as a person does it: three instances on one PostgreSQL database behind nginx, an agent's send
/// queued through the balancer, and approved with one click in the console of an instance that did not queue it. It
/// runs once and the audit chain is intact. Skips without Chromium, PostgreSQL or nginx; CI requires all three.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MultiInstanceConsoleTests(ChromiumFixture chromium, ITestOutputHelper output)
{
    [SkippableFact]
    public async Task SendQueuedThroughOneInstance_IsApprovedInAnotherInstancesConsole_AndRunsOnce()
    {
        Skip.If(!ChromiumLocation.IsInstalled && !ChromiumLocation.IsRequired, ChromiumLocation.MissingMessage);
        MultiInstanceRequirements.RequireBackend(MultiInstanceBackend.Postgres);
        var nginx = MultiInstanceRequirements.RequireNginx();
        await using var cluster = await MultiInstanceCluster.StartAsync(MultiInstanceBackend.Postgres, nginx);
        var tag = $"console-{Guid.NewGuid():N}";
        var subject = $"Board pack {Guid.NewGuid():N}";

        await using var agent = await cluster.ConnectAsync(tag);
        var queued = (await agent.Client.CallAsync("gmail_send_email", new JsonObject
        {
            ["to"] = new JsonArray("board@acme.example"),
            ["subject"] = subject,
            ["body"] = "Attached, as discussed.",
        })).AssertSuccess().Structured();
        Assert.Equal("pending_approval", (string?)queued["status"]);
        var approvalId = (string)queued["approval_id"]!;
        var queuedOn = await QueuedOnAsync(cluster, tag, subject);
        var other = (queuedOn + 1) % MultiInstanceCluster.InstanceCount;
        output.WriteLine($"queued through nginx on instance {queuedOn}; approving in the console of instance {other} ({cluster.InstanceUrls[other]})");

        var context = await chromium.NewContextAsync();
        try
        {
            var page = await context.NewPageAsync();
            page.SetDefaultTimeout(15_000);
            await page.GotoAsync(new Uri(cluster.InstanceUrls[other], "admin").ToString());
            await page.GetByLabel("Admin token").FillAsync(cluster.AdminToken);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            var card = page.GetByRole(AriaRole.List, new() { Name = "Pending approvals" }).Locator("> [role=listitem]").Filter(new() { HasText = subject });
            await Assertions.Expect(card).ToBeVisibleAsync();
            await Assertions.Expect(card).ToContainTextAsync(approvalId);

            await card.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();

            await Assertions.Expect(page.GetByRole(AriaRole.Log, new() { Name = "Recent decisions" })).ToContainTextAsync("Approved and ran: gmail_send_email");
        }
        finally
        {
            await context.CloseAsync();
        }

        Assert.Equal(1, await cluster.Fakes.SentWithSubjectAsync(subject));
        var report = (await agent.Client.CallAsync("get_approval", new JsonObject { ["approval_id"] = approvalId })).AssertSuccess().Structured();
        Assert.Equal("succeeded", (string?)report["status"]);
        var verify = await cluster.CliAsync("audit", "verify", MultiInstanceCluster.Workspace);
        Assert.Contains("is intact", verify.Stdout, StringComparison.Ordinal);
    }

    /// <summary>The instance nginx sent the queuing tools/call to (its access log names the upstream of each request).</summary>
    private static async Task<int> QueuedOnAsync(MultiInstanceCluster cluster, string tag, string subject)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var counts = await cluster.RequestsPerInstanceAsync(e =>
                (string?)e["client"] == tag && ((string?)e["body"] ?? "").Contains(subject, StringComparison.Ordinal));
            var served = Array.FindIndex(counts, c => c > 0);
            if (served >= 0)
            {
                return served;
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException("nginx's access log never showed the queuing call");
    }
}
