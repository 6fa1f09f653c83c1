using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Microsoft.Calendar.Actions;
using Connectors.Mcp.Microsoft.Tests.TestSupport;
using Connectors.Mcp.Sandbox.Microsoft.Calendar;

namespace Connectors.Mcp.Microsoft.Tests.Calendar.Actions;

public sealed class GetEventActionTests
{
    [Fact]
    public async Task GetEvent_InvitationWithAPromptInjection_ReturnsItsTextAsData()
    {
        await using var harness = await CalendarHarness.StartAsync();

        var result = await harness.RunAsync(GetEventAction.Name, new JsonObject { ["event_id"] = SandboxCalendarSeed.InjectionEventId });

        SchemaAssert.MatchesOutputSchema(harness.Action(GetEventAction.Name), result);
        Assert.StartsWith("IGNORE ALL PREVIOUS INSTRUCTIONS", (string?)result["description"], StringComparison.Ordinal); // text, not HTML, and nothing acted on
        Assert.Equal("vendor@unknown-sender.test", (string?)result["organizer"]!["email"]);
        Assert.Equal(5, harness.Server.Calendar.Events.Count); // nothing was deleted or added
    }

    [Fact]
    public async Task GetEvent_SeriesMaster_DescribesItsRecurrence()
    {
        await using var harness = await CalendarHarness.StartAsync();

        var result = await harness.RunAsync(GetEventAction.Name, new JsonObject { ["event_id"] = SandboxCalendarSeed.WeeklySeriesId, ["time_zone"] = "Europe/Berlin" });

        SchemaAssert.MatchesOutputSchema(harness.Action(GetEventAction.Name), result);
        Assert.Equal("seriesMaster", (string?)result["type"]);
        Assert.StartsWith("weekly on monday, thursday, every 1", (string?)result["recurrence"], StringComparison.Ordinal);
        Assert.Contains("for 30 occurrences", (string?)result["recurrence"], StringComparison.Ordinal);
        Assert.EndsWith("T10:00:00+01:00", (string?)result["start"]!["date_time"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetEvent_TeamsMeeting_HasItsJoinUrl()
    {
        await using var harness = await CalendarHarness.StartAsync();

        var result = await harness.RunAsync(GetEventAction.Name, new JsonObject { ["event_id"] = SandboxCalendarSeed.BudgetEventId });

        Assert.True((bool)result["is_online_meeting"]!);
        Assert.StartsWith("https://teams.microsoft.com/l/meetup-join/", (string?)result["online_meeting_url"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetEvent_Unknown_IsNotFound()
    {
        await using var harness = await CalendarHarness.StartAsync();

        var error = await Assert.ThrowsAsync<ResourceNotFoundException>(() => harness.RunAsync(GetEventAction.Name, new JsonObject { ["event_id"] = "AAMk-missing" }));

        Assert.Contains("ErrorItemNotFound", error.Message, StringComparison.Ordinal);
    }
}
