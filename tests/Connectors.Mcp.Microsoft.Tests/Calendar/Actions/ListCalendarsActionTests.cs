using Connectors.Mcp.Microsoft.Calendar.Actions;
using Connectors.Mcp.Microsoft.Tests.TestSupport;
using Connectors.Mcp.Sandbox.Microsoft.Calendar;

namespace Connectors.Mcp.Microsoft.Tests.Calendar.Actions;

public sealed class ListCalendarsActionTests
{
    [Fact]
    public async Task ListCalendars_Seeded_ReturnsTheDefaultAndTheSecondCalendar()
    {
        await using var harness = await CalendarHarness.StartAsync();

        var result = await harness.RunAsync(ListCalendarsAction.Name, []);

        SchemaAssert.MatchesOutputSchema(harness.Action(ListCalendarsAction.Name), result);
        var calendars = result["calendars"]!.AsArray().Select(c => c!.AsObject()).ToList();
        Assert.True((bool)calendars.Single(c => (string?)c["id"] == FakeOutlookCalendar.DefaultCalendarId)["primary"]!);
        Assert.Equal("Team holidays", (string?)calendars.Single(c => (string?)c["id"] == SandboxCalendarSeed.HolidaysCalendarId)["summary"]);
    }
}
