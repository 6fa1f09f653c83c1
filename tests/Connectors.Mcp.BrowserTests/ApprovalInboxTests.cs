using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Connectors.Mcp.BrowserTests;

/// <summary>
/// The "done when": an agent's send appears in the open console without a reload, one click approves it, it
/// runs exactly once, and the agent's get_approval reports the outcome. Deny works the same way, with a reason.
/// </summary>
public sealed class ApprovalInboxTests(ChromiumFixture chromium, ITestOutputHelper output) : ConsoleTest(chromium)
{
    [BrowserFact]
    public async Task AgentSend_AppearsLive_AndOneClickApprovesIt_AndItRunsExactlyOnce()
    {
        await Console.SignInAndWaitUntilLiveAsync();
        await Page.EvaluateAsync("() => { window.__sameDocument = true; }");
        var agent = await AgentAsync();
        var word = Agent.UniqueWord("Budget");
        var body = "Hi Dana,\n\nthe Q3 budget is attached.\n  Indented line stays indented.\n\nSam";

        var watch = Stopwatch.StartNew();
        var approvalId = await agent.QueueAsync("gmail_send_email", new JsonObject
        {
            ["to"] = new JsonArray("dana@example.com", "lee@example.org"),
            ["cc"] = new JsonArray("finance@example.com"),
            ["subject"] = $"{word} for Q3",
            ["body"] = body,
        });
        var card = Console.Card(word);
        await Assertions.Expect(card).ToBeVisibleAsync(new() { Timeout = 5_000 });
        output.WriteLine($"card visible {watch.ElapsedMilliseconds} ms after the call was made (the call returned, then the event arrived)");

        Assert.True(await Page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the page was reloaded");
        await Assertions.Expect(card.GetByRole(AriaRole.Heading, new() { Name = "gmail_send_email" })).ToBeVisibleAsync();
        await Assertions.Expect(card.GetByRole(AriaRole.List, new() { Name = "To" })).ToHaveTextAsync(new Regex("dana@example\\.com\\s*lee@example\\.org"));
        await Assertions.Expect(card.GetByRole(AriaRole.List, new() { Name = "Cc" })).ToHaveTextAsync("finance@example.com");
        await Assertions.Expect(card.GetByText($"{word} for Q3", new() { Exact = true })).ToBeVisibleAsync();
        Assert.Equal(body, await card.Locator("dd > pre.text-block").TextContentAsync());
        await Assertions.Expect(card).ToContainTextAsync("e2e-tests");
        await Assertions.Expect(card).ToContainTextAsync("expires in");
        await Assertions.Expect(card).ToContainTextAsync(approvalId);
        await Assertions.Expect(card).ToContainTextAsync("demo");

        await card.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();

        await Assertions.Expect(Console.Decisions).ToContainTextAsync("Approved and ran: gmail_send_email");
        await Assertions.Expect(card).ToHaveCountAsync(0);
        var report = await agent.SettledApprovalAsync(approvalId);
        Assert.Equal("succeeded", (string?)report["status"]);
        Assert.NotNull(report["result"]?["id"]);
        var sent = await agent.SentMessagesAsync(word);
        Assert.Single(sent);
        await Assertions.Expect(Page.GetByText("Nothing is waiting for a decision.")).ToBeVisibleAsync();
    }

    [BrowserFact]
    public async Task Deny_WithAReason_TheAgentSeesDenied_AndNothingIsSent()
    {
        await Console.SignInAndWaitUntilLiveAsync();
        var agent = await AgentAsync();
        var word = Agent.UniqueWord("Invoice");
        var approvalId = await agent.QueueAsync("gmail_send_email", Agent.Send($"{word} overdue", "Please pay.", "someone@example.net"));
        var card = Console.Card(word);

        await card.GetByRole(AriaRole.Button, new() { Name = "Deny" }).ClickAsync();
        await card.GetByLabel("Reason (optional)").FillAsync("Wrong customer");
        await card.GetByRole(AriaRole.Button, new() { Name = "Confirm deny" }).ClickAsync();

        await Assertions.Expect(Console.Decisions).ToContainTextAsync("Denied: gmail_send_email");
        await Assertions.Expect(Console.Decisions).ToContainTextAsync("Wrong customer");
        await Assertions.Expect(card).ToHaveCountAsync(0);
        var report = await agent.SettledApprovalAsync(approvalId);
        Assert.Equal("denied", (string?)report["status"]);
        Assert.Equal("Wrong customer", (string?)report["reason"]);
        Assert.Empty(await agent.SentMessagesAsync(word));
    }

    [BrowserFact]
    public async Task Approve_WhenTheCliDecidedItFirst_ShowsThatItIsNoLongerPending_AndRunsNothing()
    {
        await Console.SignInAndWaitUntilLiveAsync();
        var agent = await AgentAsync();
        var word = Agent.UniqueWord("Race");
        var approvalId = await agent.QueueAsync("gmail_send_email", Agent.Send($"{word} hello", "Hi.", "a@example.com"));
        var card = Console.Card(word);
        await Assertions.Expect(card).ToBeVisibleAsync();
        // Another admin decides first (through the API with a bearer token, as a script would).
        using var http = new HttpClient();
        using var deny = new HttpRequestMessage(HttpMethod.Post, new Uri(Server.Server.BaseUrl, $"admin/api/approvals/{approvalId}/deny"))
        {
            Content = new StringContent("""{"reason":"decided elsewhere"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        deny.Headers.Authorization = new("Bearer", Server.AdminToken);
        (await http.SendAsync(deny)).EnsureSuccessStatusCode();

        // The event stream removes the card; if the click wins the race, the server answers 409 and nothing runs.
        if (await card.CountAsync() > 0)
        {
            try
            {
                await card.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync(new() { Timeout = 2_000 });
            }
            catch (TimeoutException)
            {
                // The card went away before the click: the live update won.
            }
        }

        await Assertions.Expect(card).ToHaveCountAsync(0);
        Assert.Equal("denied", (string?)(await agent.SettledApprovalAsync(approvalId))["status"]);
        Assert.Empty(await agent.SentMessagesAsync(word));
    }

    [BrowserFact]
    public async Task ARefusedEventStream_IsRetried_AndLiveUpdatesResume()
    {
        var refusals = 0;
        await Page.RouteAsync("**/admin/api/events", async route =>
        {
            if (Interlocked.Increment(ref refusals) <= 2)
            {
                await route.FulfillAsync(new() { Status = 503, ContentType = "application/json", Body = """{"error":{"code":"unavailable","message":"try later"}}""" });
            }
            else
            {
                await route.ContinueAsync();
            }
        });
        await Console.SignInAsync(Server.AdminToken);
        await Assertions.Expect(Page.Locator("#live-state")).ToHaveTextAsync("Reconnecting…");

        await Assertions.Expect(Page.Locator("#live-state")).ToHaveTextAsync("Live", new() { Timeout = 15_000 });
        var agent = await AgentAsync();
        var word = Agent.UniqueWord("Resumed");
        await agent.QueueAsync("gmail_send_email", Agent.Send($"{word} hello", "Hi.", "a@example.com"));

        await Assertions.Expect(Console.Card(word)).ToBeVisibleAsync();
        Assert.True(refusals >= 3, $"the stream was opened {refusals} times");
    }
}
