using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Connectors.Mcp.BrowserTests;

/// <summary>A calendar approval's times are shown in the viewer's time zone (here New York), the original beside them.</summary>
public sealed class ViewerTimeZoneTests(ChromiumFixture chromium) : ConsoleTest(chromium)
{
    protected override string TimeZone => "America/New_York";

    [BrowserFact]
    public async Task CreateEventApproval_ShowsItsTimes_InTheViewersZone_AndTheOriginalValue()
    {
        await Console.SignInAndWaitUntilLiveAsync();
        var agent = await AgentAsync();
        var exact = Agent.UniqueWord("Offsite");
        var wallClock = Agent.UniqueWord("Review");

        // An exact instant (UTC) and a wall-clock time in Berlin: both are 10:00 in New York on 1 December 2026 (EST).
        await agent.QueueAsync("google_calendar_create_event", new JsonObject
        {
            ["title"] = exact,
            ["start"] = "2026-12-01T15:00:00Z",
            ["end"] = "2026-12-01T16:30:00Z",
            ["attendees"] = new JsonArray("ana@example.com", "bo@partner.example"),
        });
        await agent.QueueAsync("google_calendar_create_event", new JsonObject
        {
            ["title"] = wallClock,
            ["start"] = "2026-12-01T16:00:00",
            ["end"] = "2026-12-01T17:00:00",
            ["time_zone"] = "Europe/Berlin",
        });

        await Assertions.Expect(Page.GetByText("Times in America/New_York")).ToBeVisibleAsync();
        var first = Console.Card(exact);
        await Assertions.Expect(first).ToContainTextAsync("Tue, Dec 1, 2026, 10:00 AM EST");
        await Assertions.Expect(first).ToContainTextAsync("Tue, Dec 1, 2026, 11:30 AM EST");
        await Assertions.Expect(first).ToContainTextAsync("2026-12-01T15:00:00Z");
        await Assertions.Expect(first.GetByRole(AriaRole.List, new() { Name = "Attendees" })).ToContainTextAsync("bo@partner.example");
        var second = Console.Card(wallClock);
        await Assertions.Expect(second).ToContainTextAsync("Tue, Dec 1, 2026, 10:00 AM EST");
        await Assertions.Expect(second).ToContainTextAsync("2026-12-01T16:00:00 Europe/Berlin");
    }
}
