using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Google.Tests.TestSupport;
using Connectors.Mcp.Sandbox.Google;
using Connectors.Mcp.Sandbox.Google.Calendar;

namespace Connectors.Mcp.Google.Tests.Calendar.Actions;

public sealed class UpdateEventActionTests
{
    private static async Task<string> CreateAsync(CalendarHarness harness)
    {
        var created = await harness.RunAsync("create_event", new JsonObject
        {
            ["title"] = "Design review",
            ["start"] = "2026-03-17T14:00:00",
            ["end"] = "2026-03-17T15:00:00",
            ["time_zone"] = "America/New_York",
            ["attendees"] = new JsonArray(CalendarHarness.Priya, CalendarHarness.Marco),
            ["location"] = "Room 1",
            ["description"] = "Bring the mockups.",
        });
        return (string)created["id"]!;
    }

    [Fact]
    public async Task UpdateEvent_OnlyTitle_ChangesOnlyTheTitle_AndSendsOnlyIt()
    {
        await using var harness = await CalendarHarness.StartAsync();
        var id = await CreateAsync(harness);

        var updated = await harness.RunAsync("update_event", new JsonObject { ["event_id"] = id, ["title"] = "Design review (v2)" });

        SchemaAssert.MatchesOutputSchema(harness.Action("update_event"), updated);
        Assert.Equal("Design review (v2)", (string)updated["summary"]!);
        Assert.Equal("Room 1", (string)updated["location"]!);
        Assert.Equal("Bring the mockups.", (string)updated["description"]!);
        Assert.Equal("2026-03-17T14:00:00-04:00", (string)updated["start"]!["date_time"]!);
        Assert.Equal(2, updated["attendees"]!.AsArray().Count);
        var patch = harness.Calendar.Changes[^1];
        Assert.Equal("patch", patch.Method);
        Assert.Equal(["summary"], patch.Body!.Select(p => p.Key));
        Assert.Equal("none", patch.SendUpdates);
        Assert.Equal(0, harness.Server.RequestCount(FakeCalendarEndpoints.EventsGet));
    }

    [Fact]
    public async Task UpdateEvent_Attendees_ReplaceTheWholeList_AndKeptGuestsKeepTheirResponse()
    {
        await using var harness = await CalendarHarness.StartAsync();

        var updated = await harness.RunAsync("update_event", new JsonObject
        {
            ["event_id"] = "atlasteammeeting01",
            ["attendees"] = new JsonArray(CalendarHarness.Marco, "newcomer@northwind.example"),
            ["send_updates"] = "all",
        });

        var attendees = updated["attendees"]!.AsArray().ToDictionary(a => (string)a!["email"]!, a => (string)a!["response_status"]!);
        Assert.Equal(new Dictionary<string, string> { [CalendarHarness.Marco] = "tentative", ["newcomer@northwind.example"] = "needsAction" }, attendees);
        var patch = harness.Calendar.Changes[^1];
        Assert.Equal("all", patch.SendUpdates);
        Assert.Equal([CalendarHarness.Marco, "newcomer@northwind.example"], patch.Notified("northwind.example"));
        Assert.Equal(1, harness.Server.RequestCount(FakeCalendarEndpoints.EventsGet));
    }

    [Fact]
    public async Task UpdateEvent_AddAndRemoveAttendees_MergeWithTheCurrentList()
    {
        await using var harness = await CalendarHarness.StartAsync();

        var added = await harness.RunAsync("update_event", new JsonObject
        {
            ["event_id"] = "atlasteammeeting01",
            ["add_attendees"] = new JsonArray("newcomer@northwind.example", CalendarHarness.Priya),
        });
        var removed = await harness.RunAsync("update_event", new JsonObject
        {
            ["event_id"] = "atlasteammeeting01",
            ["remove_attendees"] = new JsonArray(CalendarHarness.Marco),
        });

        Assert.Equal(
            [harness.Calendar.PrimaryId, CalendarHarness.Priya, CalendarHarness.Marco, "newcomer@northwind.example"],
            added["attendees"]!.AsArray().Select(a => (string)a!["email"]!));
        Assert.Equal(
            [harness.Calendar.PrimaryId, CalendarHarness.Priya, "newcomer@northwind.example"],
            removed["attendees"]!.AsArray().Select(a => (string)a!["email"]!));
        Assert.Equal("accepted", (string)removed["attendees"]!.AsArray().Single(a => (string)a!["email"]! == CalendarHarness.Priya)!["response_status"]!);
    }

    [Fact]
    public async Task UpdateEvent_FromTimedToAllDay_ClearsTheTime()
    {
        await using var harness = await CalendarHarness.StartAsync();
        var id = await CreateAsync(harness);

        var updated = await harness.RunAsync("update_event", new JsonObject { ["event_id"] = id, ["start_date"] = "2026-03-18", ["end_date"] = "2026-03-20" });

        Assert.True((bool)updated["all_day"]!);
        Assert.Equal("2026-03-18", (string)updated["start"]!["date"]!);
        Assert.Equal("2026-03-20", (string)updated["end"]!["date"]!);
        Assert.Null(updated["start"]!["time_zone"]);
        var stored = harness.Calendar.FindEvent("primary", id)!;
        Assert.Null(stored["start"]!["dateTime"]);
        Assert.Equal("Design review", (string)stored["summary"]!);
    }

    [Fact]
    public async Task UpdateEvent_NewTimeInAnotherZone_IsKeptWithThatZone()
    {
        await using var harness = await CalendarHarness.StartAsync();
        var id = await CreateAsync(harness);

        var updated = await harness.RunAsync("update_event", new JsonObject
        {
            ["event_id"] = id,
            ["start"] = "2026-03-17T16:00:00",
            ["end"] = "2026-03-17T17:00:00",
            ["time_zone"] = "Europe/Berlin",
        });

        Assert.Equal("2026-03-17T16:00:00+01:00", (string)updated["start"]!["date_time"]!);
        Assert.Equal("Europe/Berlin", (string)updated["start"]!["time_zone"]!);
    }

    [Fact]
    public async Task UpdateEvent_ClearingLocationAndDescription_WithEmptyStrings()
    {
        await using var harness = await CalendarHarness.StartAsync();
        var id = await CreateAsync(harness);

        var updated = await harness.RunAsync("update_event", new JsonObject { ["event_id"] = id, ["location"] = string.Empty, ["description"] = string.Empty });

        Assert.True(string.IsNullOrEmpty((string?)updated["location"]));
        Assert.True(string.IsNullOrEmpty((string?)updated["description"]));
        Assert.Equal("Design review", (string)updated["summary"]!);
    }

    [Fact]
    public async Task UpdateEvent_OneOccurrence_LeavesTheOthersAlone()
    {
        await using var harness = await CalendarHarness.StartAsync();

        var updated = await harness.RunAsync("update_event", new JsonObject
        {
            ["event_id"] = "atlasteammeeting01_20260310T140000Z",
            ["title"] = "Atlas team sync (moved to room 7)",
        });

        Assert.Equal("atlasteammeeting01", (string)updated["recurring_event_id"]!);
        var list = await harness.RunAsync("list_events", new JsonObject
        {
            ["time_min"] = "2026-03-02T00:00:00Z",
            ["time_max"] = "2026-03-18T00:00:00Z",
            ["query"] = "Atlas team sync",
        });
        Assert.Equal(
            ["Atlas team sync", "Atlas team sync (moved to room 7)", "Atlas team sync"],
            list["events"]!.AsArray().Select(e => (string)e!["summary"]!));
    }

    [Fact]
    public async Task UpdateEvent_AddMeetLink_OnlyWhenThereIsNone()
    {
        await using var harness = await CalendarHarness.StartAsync();
        var id = await CreateAsync(harness);

        var withMeet = await harness.RunAsync("update_event", new JsonObject { ["event_id"] = id, ["add_meet_link"] = true });
        var again = await harness.RunAsync("update_event", new JsonObject { ["event_id"] = id, ["add_meet_link"] = true });

        Assert.StartsWith("https://meet.google.com/", (string)withMeet["meet_link"]!);
        Assert.Equal((string)withMeet["meet_link"]!, (string)again["meet_link"]!);
        Assert.Equal(1, harness.Calendar.Changes.Count(c => c.Method == "patch"));
    }

    [Fact]
    public async Task UpdateEvent_NothingToChange_OrReplaceCombinedWithMerge_IsRejectedWithoutRequest()
    {
        await using var harness = await CalendarHarness.StartAsync();

        var nothing = await Assert.ThrowsAsync<ConnectorValidationException>(() => harness.RunAsync("update_event", new JsonObject
        {
            ["event_id"] = "atlasteammeeting01",
            ["send_updates"] = "all",
        }));
        var combined = await Assert.ThrowsAsync<ConnectorValidationException>(() => harness.RunAsync("update_event", new JsonObject
        {
            ["event_id"] = "atlasteammeeting01",
            ["attendees"] = new JsonArray(CalendarHarness.Priya),
            ["add_attendees"] = new JsonArray(CalendarHarness.Marco),
        }));
        var zoneAlone = await Assert.ThrowsAsync<ConnectorValidationException>(() => harness.RunAsync("update_event", new JsonObject
        {
            ["event_id"] = "atlasteammeeting01",
            ["time_zone"] = "Europe/Berlin",
        }));
        var injected = await Assert.ThrowsAsync<ConnectorValidationException>(() => harness.ExecuteAsync("update_event", new JsonObject
        {
            ["event_id"] = "atlasteammeeting01",
            ["add_attendees"] = new JsonArray("ok@example.com", "a@example.com\r\nBcc: evil@evil.test"),
        }));

        Assert.Equal("event_id", nothing.Field);
        Assert.Equal("attendees", combined.Field);
        Assert.Equal("time_zone", zoneAlone.Field);
        Assert.Equal("add_attendees[1]", injected.Field);
        Assert.Equal(0, harness.Server.TotalRequestCount);
    }

    [Fact]
    public async Task UpdateEvent_UnknownEvent_IsNotFound()
    {
        await using var harness = await CalendarHarness.StartAsync();

        await Assert.ThrowsAsync<ResourceNotFoundException>(() => harness.RunAsync("update_event", new JsonObject { ["event_id"] = "nosuchevent1", ["title"] = "x" }));
    }

    [Fact]
    public async Task UpdateEvent_503_IsNotRetried()
    {
        await using var harness = await CalendarHarness.StartAsync();
        harness.Server.InjectFault(FakeCalendarEndpoints.EventsPatch, FakeFault.Unavailable());

        var error = await Assert.ThrowsAsync<AmbiguousOutcomeException>(() => harness.RunAsync("update_event", new JsonObject { ["event_id"] = "offsite2026", ["title"] = "x" }));

        Assert.Equal(503, error.StatusCode);
        Assert.Equal(1, harness.Server.RequestCount(FakeCalendarEndpoints.EventsPatch));
    }
}
