using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Google.Tests.TestSupport;
using Connectors.Mcp.Sandbox.Google.Calendar;

namespace Connectors.Mcp.Google.Tests.Calendar.Actions;

public sealed class GetEventActionTests
{
    [Fact]
    public async Task GetEvent_Series_ReturnsRecurrenceAttendeesAndMeetLink()
    {
        await using var harness = await CalendarHarness.StartAsync();

        var result = await harness.RunAsync("get_event", new JsonObject { ["event_id"] = "atlasteammeeting01" });

        SchemaAssert.MatchesOutputSchema(harness.Action("get_event"), result);
        Assert.Equal(["RRULE:FREQ=WEEKLY;BYDAY=TU"], result["recurrence"]!.AsArray().Select(r => (string)r!));
        Assert.Equal("America/New_York", (string)result["start"]!["time_zone"]!);
        Assert.Equal("2026-02-10T10:00:00-05:00", (string)result["start"]!["date_time"]!);
        var attendees = result["attendees"]!.AsArray().Select(a => a!.AsObject()).ToList();
        Assert.Equal([harness.Calendar.PrimaryId, CalendarHarness.Priya, CalendarHarness.Marco], attendees.Select(a => (string)a["email"]!));
        Assert.Equal(["accepted", "accepted", "tentative"], attendees.Select(a => (string)a["response_status"]!));
        Assert.True((bool)attendees[0]["self"]!);
        Assert.Equal("success", (string)result["conference_status"]!);
        Assert.Equal((string)result["hangout_link"]!, (string)result["meet_link"]!);
        Assert.True((bool)result["organizer"]!["self"]!);
    }

    [Fact]
    public async Task GetEvent_Occurrence_ById()
    {
        await using var harness = await CalendarHarness.StartAsync();

        var result = await harness.RunAsync("get_event", new JsonObject { ["event_id"] = "atlasteammeeting01_20260310T140000Z" });

        Assert.Equal("atlasteammeeting01", (string)result["recurring_event_id"]!);
        Assert.Equal("2026-03-10T10:00:00-04:00", (string)result["start"]!["date_time"]!);
    }

    [Fact]
    public async Task GetEvent_InAnotherTimeZone_IsWrittenInItsOwnZone()
    {
        await using var harness = await CalendarHarness.StartAsync();

        var result = await harness.RunAsync("get_event", new JsonObject { ["event_id"] = "londonq3" });

        // Google writes the time in the calendar's zone (New York); the connector writes it in the event's own zone.
        Assert.Equal("2026-03-11T10:00:00-04:00", (string)harness.Calendar.FindEvent("primary", "londonq3")!["start"]!["dateTime"]!);
        Assert.Equal("Europe/London", (string)result["start"]!["time_zone"]!);
        Assert.Equal("2026-03-11T14:00:00+00:00", (string)result["start"]!["date_time"]!);
        Assert.Equal("2026-03-11T15:30:00+00:00", (string)result["end"]!["date_time"]!);
    }

    [Fact]
    public async Task GetEvent_SharedCalendar_OrganizerIsTheCalendar()
    {
        await using var harness = await CalendarHarness.StartAsync();

        var result = await harness.RunAsync("get_event", new JsonObject { ["calendar_id"] = FakeCalendar.TeamCalendarId, ["event_id"] = "atlaslaunch01" });

        Assert.Equal(FakeCalendar.TeamCalendarId, (string)result["organizer"]!["email"]!);
        Assert.Equal("Team Atlas", (string)result["organizer"]!["display_name"]!);
    }

    [Fact]
    public async Task GetEvent_Unknown_IsNotFound()
    {
        await using var harness = await CalendarHarness.StartAsync();

        var error = await Assert.ThrowsAsync<ResourceNotFoundException>(() => harness.RunAsync("get_event", new JsonObject { ["event_id"] = "nosuchevent1" }));

        Assert.Contains("nosuchevent1", error.Message);
    }

    [Theory]
    [InlineData("abc/../def")]
    [InlineData("abc def")]
    [InlineData("abc\n")]
    [InlineData("abc?x=1")]
    public async Task GetEvent_BadId_IsRejectedWithoutRequest(string id)
    {
        await using var harness = await CalendarHarness.StartAsync();

        var error = await Assert.ThrowsAsync<ConnectorValidationException>(() => harness.ExecuteAsync("get_event", new JsonObject { ["event_id"] = id }));

        Assert.Equal("event_id", error.Field);
        Assert.Equal(0, harness.Server.TotalRequestCount);
    }
}
