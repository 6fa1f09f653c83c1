using System.Text.Json.Nodes;
using Connectors.Mcp.Microsoft.Calendar.Actions;
using Connectors.Mcp.Microsoft.Tests.TestSupport;
using Connectors.Mcp.Sandbox.Microsoft.Calendar;

namespace Connectors.Mcp.Microsoft.Tests.Calendar.Actions;

public sealed class FindMeetingTimesActionTests
{
    /// <summary>Monday 30 March 2026: Berlin is on summer time (UTC+2) since the day before.</summary>
    private static readonly DateTimeOffset Now = new(2026, 3, 28, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task FindMeetingTimes_AvoidsTheUsersAndTheAttendeesBusyTime_InLocalWorkingHours()
    {
        await using var harness = await CalendarHarness.StartAsync(seed: false, now: Now);
        harness.Server.Calendar.AddEvent(new JsonObject
        {
            ["subject"] = "Own meeting",
            ["start"] = new JsonObject { ["dateTime"] = "2026-03-30T09:00:00", ["timeZone"] = "Europe/Berlin" },
            ["end"] = new JsonObject { ["dateTime"] = "2026-03-30T10:00:00", ["timeZone"] = "Europe/Berlin" },
        });
        harness.Server.Calendar.AddEvent(new JsonObject
        {
            ["subject"] = "Shown as free",
            ["showAs"] = "free",
            ["start"] = new JsonObject { ["dateTime"] = "2026-03-30T10:00:00", ["timeZone"] = "Europe/Berlin" },
            ["end"] = new JsonObject { ["dateTime"] = "2026-03-30T10:30:00", ["timeZone"] = "Europe/Berlin" },
        });
        harness.Server.Calendar.AddBusy("alice@example.com", new DateTimeOffset(2026, 3, 30, 8, 30, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 30, 9, 0, 0, TimeSpan.Zero));

        var result = await harness.RunAsync(FindMeetingTimesAction.Name, new JsonObject
        {
            ["attendees"] = new JsonArray("alice@example.com", "ghost@nowhere.invalid"),
            ["duration_minutes"] = 30,
            ["time_min"] = "2026-03-30T00:00:00+02:00",
            ["time_max"] = "2026-03-31T00:00:00+02:00",
            ["time_zone"] = "Europe/Berlin",
            ["max_results"] = 3,
        });

        SchemaAssert.MatchesOutputSchema(harness.Action(FindMeetingTimesAction.Name), result);
        Assert.Equal(
            ["2026-03-30T10:00:00+02:00", "2026-03-30T11:00:00+02:00", "2026-03-30T11:30:00+02:00"],
            result["slots"]!.AsArray().Select(s => (string?)s!["start"]));
        Assert.True((bool)result["has_more"]!);
        Assert.Equal(["alice@example.com"], result["attendees_considered"]!.AsArray().Select(a => (string?)a));
        Assert.Equal("ghost@nowhere.invalid", (string?)result["unavailable_attendees"]![0]!["email"]);
        Assert.Contains("ghost@nowhere.invalid", (string?)result["note"], StringComparison.Ordinal);
        Assert.Equal(1, harness.Server.Calendar.RequestCount(FakeCalendarEndpoints.GetSchedule));
    }
}
