using System.Globalization;
using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Google.Tests.TestSupport;

namespace Connectors.Mcp.Google.Tests.Calendar.Actions;

public sealed class FindMeetingSlotsActionTests
{
    private static JsonObject Search(string timeMin, string timeMax, string zone, int duration, params string[] attendees) => new()
    {
        ["attendees"] = new JsonArray(attendees.Select(a => (JsonNode?)a).ToArray()),
        ["duration_minutes"] = duration,
        ["time_min"] = timeMin,
        ["time_max"] = timeMax,
        ["time_zone"] = zone,
        ["max_results"] = 50,
    };

    private static List<(string Start, string End)> Slots(JsonObject result) =>
        result["slots"]!.AsArray().Select(s => ((string)s!["start"]!, (string)s!["end"]!)).ToList();

    [Fact]
    public async Task FindMeetingSlots_AvoidsEveryonesBusyTime_InsideWorkingHours()
    {
        await using var harness = await CalendarHarness.StartAsync();

        var result = await harness.RunAsync("find_meeting_slots", Search(
            "2026-03-04T00:00:00-05:00", "2026-03-05T00:00:00-05:00", "America/New_York", 60, CalendarHarness.Priya, CalendarHarness.Marco));

        SchemaAssert.MatchesOutputSchema(harness.Action("find_meeting_slots"), result);
        Assert.Equal(
            [
                ("2026-03-04T09:30:00-05:00", "2026-03-04T10:30:00-05:00"),
                ("2026-03-04T10:30:00-05:00", "2026-03-04T11:30:00-05:00"),
                ("2026-03-04T11:30:00-05:00", "2026-03-04T12:30:00-05:00"),
                ("2026-03-04T15:00:00-05:00", "2026-03-04T16:00:00-05:00"),
                ("2026-03-04T16:00:00-05:00", "2026-03-04T17:00:00-05:00"),
            ],
            Slots(result));
        Assert.Equal([CalendarHarness.Priya, CalendarHarness.Marco], result["attendees_considered"]!.AsArray().Select(a => (string)a!));
        Assert.Empty(result["unavailable_attendees"]!.AsArray());
        Assert.Null(result["note"]);
        Assert.False((bool)result["has_more"]!);
        Assert.Equal(["monday", "tuesday", "wednesday", "thursday", "friday"], result["working_days"]!.AsArray().Select(d => (string)d!));
        Assert.Equal(1, harness.ApiRequestCount);
    }

    [Fact]
    public async Task FindMeetingSlots_AcrossBerlinsDstChange_KeepsLocalWorkingHoursOnBothSides()
    {
        await using var harness = await CalendarHarness.StartAsync();
        harness.Calendar.RemoveAllEvents();

        var result = await harness.RunAsync("find_meeting_slots", Search(
            "2026-10-23T00:00:00+02:00", "2026-10-27T00:00:00+01:00", "Europe/Berlin", 60, CalendarHarness.Priya));

        var slots = Slots(result);
        Assert.Equal(16, slots.Count);
        Assert.Equal(("2026-10-23T09:00:00+02:00", "2026-10-23T10:00:00+02:00"), slots[0]);
        Assert.Equal(("2026-10-23T16:00:00+02:00", "2026-10-23T17:00:00+02:00"), slots[7]);
        Assert.Equal(("2026-10-26T09:00:00+01:00", "2026-10-26T10:00:00+01:00"), slots[8]);
        Assert.Equal(("2026-10-26T16:00:00+01:00", "2026-10-26T17:00:00+01:00"), slots[15]);
        Assert.All(slots, s =>
        {
            var start = DateTimeOffset.Parse(s.Start, CultureInfo.InvariantCulture);
            Assert.InRange(start.Hour, 9, 16);
            Assert.NotEqual(DayOfWeek.Sunday, start.DayOfWeek);
        });
    }

    [Fact]
    public async Task FindMeetingSlots_AcrossNewYorksDstChange_ForAnAttendeeBusyInUtc()
    {
        await using var harness = await CalendarHarness.StartAsync();
        harness.Calendar.RemoveAllEvents();
        // 14:00–16:00 UTC: 10:00–12:00 in New York before 1 November 2026 (EDT), 09:00–11:00 after it (EST).
        harness.Calendar.SetBusy("utc.colleague@northwind.example",
            (new DateTimeOffset(2026, 10, 30, 14, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 10, 30, 16, 0, 0, TimeSpan.Zero)),
            (new DateTimeOffset(2026, 11, 2, 14, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 2, 16, 0, 0, TimeSpan.Zero)));

        var result = await harness.RunAsync("find_meeting_slots", Search(
            "2026-10-30T00:00:00-04:00", "2026-11-03T00:00:00-05:00", "America/New_York", 120, "utc.colleague@northwind.example"));

        Assert.Equal(
            [
                ("2026-10-30T12:00:00-04:00", "2026-10-30T14:00:00-04:00"),
                ("2026-10-30T14:00:00-04:00", "2026-10-30T16:00:00-04:00"),
                ("2026-11-02T11:00:00-05:00", "2026-11-02T13:00:00-05:00"),
                ("2026-11-02T13:00:00-05:00", "2026-11-02T15:00:00-05:00"),
                ("2026-11-02T15:00:00-05:00", "2026-11-02T17:00:00-05:00"),
            ],
            Slots(result));
    }

    [Fact]
    public async Task FindMeetingSlots_NoCommonSlot_IsAnEmptyListWithANote()
    {
        await using var harness = await CalendarHarness.StartAsync();

        var result = await harness.RunAsync("find_meeting_slots", Search(
            "2026-03-04T13:00:00-05:00", "2026-03-04T15:00:00-05:00", "America/New_York", 30, CalendarHarness.Priya));

        SchemaAssert.MatchesOutputSchema(harness.Action("find_meeting_slots"), result);
        Assert.Empty(result["slots"]!.AsArray());
        var note = (string)result["note"]!;
        Assert.StartsWith("No common free slot of 30 minutes", note);
        Assert.Contains("09:00–17:00", note);
        Assert.Contains("America/New_York", note);
    }

    [Fact]
    public async Task FindMeetingSlots_AttendeeWhoseFreeBusyFails_IsLeftOutAndReported()
    {
        await using var harness = await CalendarHarness.StartAsync();
        harness.Calendar.FailFreeBusyFor(CalendarHarness.Marco, "internalError");

        var result = await harness.RunAsync("find_meeting_slots", Search(
            "2026-03-05T11:00:00-05:00", "2026-03-05T12:00:00-05:00", "America/New_York", 60, CalendarHarness.Priya, CalendarHarness.Marco, "stranger@elsewhere.example"));

        SchemaAssert.MatchesOutputSchema(harness.Action("find_meeting_slots"), result);
        // Marco is busy 11:00–12:00, but his free/busy failed: the slot is offered and the answer says so.
        Assert.Equal([("2026-03-05T11:00:00-05:00", "2026-03-05T12:00:00-05:00")], Slots(result));
        Assert.Equal([CalendarHarness.Priya], result["attendees_considered"]!.AsArray().Select(a => (string)a!));
        var unavailable = result["unavailable_attendees"]!.AsArray().Select(u => ((string)u!["email"]!, (string)u!["reason"]!)).ToList();
        Assert.Equal([(CalendarHarness.Marco, "internalError"), ("stranger@elsewhere.example", "notFound")], unavailable);
        Assert.Contains("Left out of the computation", (string)result["note"]!);
        Assert.Contains(CalendarHarness.Marco, (string)result["note"]!);
    }

    [Fact]
    public async Task FindMeetingSlots_OwnFreeBusyFailing_IsAnError()
    {
        await using var harness = await CalendarHarness.StartAsync();
        harness.Calendar.FailFreeBusyFor("primary", "backendError");

        var error = await Assert.ThrowsAsync<ProviderException>(() => harness.RunAsync("find_meeting_slots", Search(
            "2026-03-05T09:00:00-05:00", "2026-03-05T17:00:00-05:00", "America/New_York", 30)));

        Assert.Contains("backendError", error.Message);
    }

    [Fact]
    public async Task FindMeetingSlots_CustomHoursDaysAndLimit()
    {
        await using var harness = await CalendarHarness.StartAsync();
        harness.Calendar.RemoveAllEvents();
        var args = Search("2026-03-06T00:00:00-05:00", "2026-03-09T00:00:00-04:00", "America/New_York", 45);
        args["working_hours"] = new JsonObject { ["start"] = "10:00", ["end"] = "12:00" };
        args["working_days"] = new JsonArray("saturday", "friday");
        args["max_results"] = 3;

        var result = await harness.RunAsync("find_meeting_slots", args);

        Assert.Equal(
            [
                ("2026-03-06T10:00:00-05:00", "2026-03-06T10:45:00-05:00"),
                ("2026-03-06T10:45:00-05:00", "2026-03-06T11:30:00-05:00"),
                ("2026-03-07T10:00:00-05:00", "2026-03-07T10:45:00-05:00"),
            ],
            Slots(result));
        Assert.True((bool)result["has_more"]!);
        Assert.Equal(["friday", "saturday"], result["working_days"]!.AsArray().Select(d => (string)d!));
        Assert.Equal("10:00", (string)result["working_hours"]!["start"]!);
    }

    [Theory]
    [InlineData("working_hours", """{"start":"17:00","end":"09:00"}""", "working_hours.end")]
    [InlineData("working_hours", """{"start":"9am","end":"17:00"}""", "working_hours.start")]
    [InlineData("working_hours", """{"start":"09:00","end":"17:00","lunch":"12:00"}""", "working_hours.lunch")]
    [InlineData("working_days", """["Monday"]""", "working_days[0]")]
    [InlineData("duration_minutes", "600", "duration_minutes")]
    [InlineData("time_zone", "\"CET \"", "time_zone")]
    [InlineData("time_max", "\"2026-06-01T00:00:00Z\"", "time_max")]
    public async Task FindMeetingSlots_BadArguments_AreRejectedNamingTheField_WithoutRequest(string field, string json, string expected)
    {
        await using var harness = await CalendarHarness.StartAsync();
        var args = Search("2026-03-04T00:00:00-05:00", "2026-03-05T00:00:00-05:00", "America/New_York", 60, CalendarHarness.Priya);
        args[field] = JsonNode.Parse(json);

        var error = await Assert.ThrowsAsync<ConnectorValidationException>(() => harness.ExecuteAsync("find_meeting_slots", args));

        Assert.Equal(expected, error.Field);
        Assert.Equal(0, harness.Server.TotalRequestCount);
    }
}
