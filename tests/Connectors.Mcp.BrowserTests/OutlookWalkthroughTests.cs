using System.Text.Json.Nodes;
using Connectors.Mcp.Tests.EndToEnd;
using Microsoft.Playwright;
using ModelContextProtocol.Client;

namespace Connectors.Mcp.BrowserTests;

/// <summary>
/// Issue 10's "done when", as a new user would try it: <c>serve --http --sandbox</c>, an MCP client (the C# SDK's, no
/// elicitation) sees the Outlook tools of <c>demo</c>, searches mail, sends one that a person approves with one click in
/// the console, lists this week's events and creates one with attendees (approved the same way). Each write runs once.
/// </summary>
public sealed class OutlookWalkthroughTests(ChromiumFixture chromium) : ConsoleTest(chromium)
{
    [BrowserFact]
    public async Task NewUser_SeesOutlookTools_SearchesMail_SendsOneApprovedInTheConsole()
    {
        await Console.SignInAndWaitUntilLiveAsync();
        var agent = await AgentAsync();

        var tools = (await agent.ListToolsAsync()).Select(t => t.Name).ToList();
        Assert.Contains("outlook_mail_search_messages", tools);
        Assert.Contains("outlook_mail_send_email", tools);

        var found = (await agent.CallAsync("outlook_mail_search_messages", new JsonObject { ["query"] = "budget" })).AssertSuccess().Structured();
        Assert.NotEmpty(found["messages"]!.AsArray());

        var word = Agent.UniqueWord("Offsite");
        var approvalId = await agent.QueueAsync("outlook_mail_send_email", Agent.Send($"{word} agenda", "Draft agenda attached.\n\nSam", "dana@example.com"));
        var card = Console.Card(word);
        await Assertions.Expect(card).ToBeVisibleAsync(new() { Timeout = 5_000 });
        await Assertions.Expect(card.GetByRole(AriaRole.Heading, new() { Name = "outlook_mail_send_email" })).ToBeVisibleAsync();
        await Assertions.Expect(card.GetByRole(AriaRole.List, new() { Name = "To" })).ToHaveTextAsync("dana@example.com");
        await card.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();

        await Assertions.Expect(Console.Decisions).ToContainTextAsync("Approved and ran: outlook_mail_send_email");
        var report = await agent.SettledApprovalAsync(approvalId);
        Assert.Equal("succeeded", (string?)report["status"]);
        Assert.Single(await SentOutlookMessagesAsync(agent, word));
    }

    [BrowserFact]
    public async Task NewUser_ListsThisWeeksEvents_AndCreatesOneWithAttendees_ApprovedInTheConsole()
    {
        await Console.SignInAndWaitUntilLiveAsync();
        var agent = await AgentAsync();

        var week = (await agent.CallAsync("outlook_calendar_list_events", new JsonObject { ["time_zone"] = "Europe/Berlin" })).AssertSuccess().Structured();
        var seeded = week["events"]!.AsArray();
        Assert.NotEmpty(seeded);
        Assert.Contains(seeded, e => (string?)e!["type"] == "occurrence"); // the seeded weekly series, expanded

        var word = Agent.UniqueWord("Planning");
        var start = DateTimeOffset.UtcNow.AddDays(2).Date.AddHours(9);
        var approvalId = await agent.QueueAsync("outlook_calendar_create_event", new JsonObject
        {
            ["title"] = $"{word} review",
            ["start"] = start.ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
            ["end"] = start.AddMinutes(30).ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
            ["time_zone"] = "Europe/Berlin",
            ["attendees"] = new JsonArray("dana@example.com", "lee@example.org"),
            ["add_teams_meeting"] = true,
        });
        var card = Console.Card(word);
        await Assertions.Expect(card).ToBeVisibleAsync(new() { Timeout = 5_000 });
        await Assertions.Expect(card.GetByRole(AriaRole.Heading, new() { Name = "outlook_calendar_create_event" })).ToBeVisibleAsync();
        await Assertions.Expect(card).ToContainTextAsync("dana@example.com");
        await Assertions.Expect(card).ToContainTextAsync("Europe/Berlin");
        await card.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();

        await Assertions.Expect(Console.Decisions).ToContainTextAsync("Approved and ran: outlook_calendar_create_event");
        var report = await agent.SettledApprovalAsync(approvalId);
        Assert.Equal("succeeded", (string?)report["status"]);
        Assert.NotNull(report["result"]?["online_meeting_url"]);
        var after = (await agent.CallAsync("outlook_calendar_list_events", new JsonObject { ["time_zone"] = "Europe/Berlin" })).AssertSuccess().Structured();
        var created = Assert.Single(after["events"]!.AsArray(), e => ((string?)e!["summary"])?.Contains(word, StringComparison.Ordinal) == true);
        Assert.Equal(["dana@example.com", "lee@example.org"], created!["attendees"]!.AsArray().Select(a => (string)a!["email"]!).Order());
        Assert.Contains("T09:00:00+0", (string?)created["start"]!["date_time"]); // 09:00 Berlin wall-clock time, with its offset
    }

    private static async Task<JsonArray> SentOutlookMessagesAsync(McpClient agent, string subjectWord)
    {
        var sent = (await agent.CallAsync("outlook_mail_search_messages", new JsonObject { ["folder_id"] = "sentitems", ["max_results"] = 50 }))
            .AssertSuccess().Structured()["messages"]!.AsArray();
        return [.. sent.Where(m => ((string?)m?["subject"])?.Contains(subjectWord, StringComparison.Ordinal) == true).Select(m => m!.DeepClone())];
    }
}
