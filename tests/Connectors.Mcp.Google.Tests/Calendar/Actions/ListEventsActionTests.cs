using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Google.Tests.TestSupport;
using Connectors.Mcp.Sandbox.Google.Calendar;

namespace Connectors.Mcp.Google.Tests.Calendar.Actions;

public sealed class ListEventsActionTests
{
    private static JsonObject Week(string? calendarId = null)
    {
        var args = new JsonObject { ["time_min"] = "2026-03-02T00:00:00-05:00", ["time_max"] = "2026-03-09T00:00:00-04:00", ["max_results"] = 250 };
        if (calendarId is not null)
        {
            args["calendar_id"] = calendarId;
        }

        return args;
    }

    private static List<JsonObject> Events(JsonObject result) => result["events"]!.AsArray().Select(e => e!.AsObject()).ToList();

    [Fact]
    public async Task ListEvents_Week_ExpandsRecurringEventsInStartOrder_WithTheirTimeZones()
    {
        await using var harness = await CalendarHarness.StartAsync();

        var result = await harness.RunAsync("list_events", Week());

        SchemaAssert.MatchesOutputSchema(harness.Action("list_events"), result);
        Assert.Equal("America/New_York", (string)result["time_zone"]!);
        Assert.Equal("primary", (string)result["calendar_id"]!);
        Assert.Null(result["next_page_token"]);
        var events = Events(result);
        var starts = events.Select(e => DateTimeOffset.Parse((string)e["start"]!["date_time"]!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(starts.Order(), starts);

        var standups = events.Where(e => (string?)e["summary"] == "Daily standup").ToList();
        Assert.Equal(5, standups.Count);
        Assert.All(standups, s => Assert.Equal("standup0001", (string)s["recurring_event_id"]!));
        Assert.Equal("2026-03-02T09:15:00-05:00", (string)standups[0]["start"]!["date_time"]!);

        var sync = Assert.Single(events, e => (string?)e["summary"] == "Atlas team sync");
        Assert.Equal("atlasteammeeting01_20260303T150000Z", (string)sync["id"]!);
        Assert.Equal("atlasteammeeting01", (string)sync["recurring_event_id"]!);
        Assert.Equal("2026-03-03T10:00:00-05:00", (string)sync["start"]!["date_time"]!);
        Assert.Equal("America/New_York", (string)sync["start"]!["time_zone"]!);
        Assert.StartsWith("https://meet.google.com/", (string)sync["meet_link"]!);
        Assert.Empty(sync["recurrence"]!.AsArray());

        var tokyo = Assert.Single(events, e => ((string?)e["summary"])!.Contains("Tokyo", StringComparison.Ordinal));
        Assert.Equal("2026-03-05T09:00:00+09:00", (string)tokyo["start"]!["date_time"]!);
        Assert.Equal("Asia/Tokyo", (string)tokyo["start"]!["time_zone"]!);
        Assert.Equal("2026-03-05T09:45:00+09:00", (string)tokyo["end"]!["date_time"]!);
        Assert.False((bool)tokyo["all_day"]!);

        var invitation = Assert.Single(events, e => ((string?)e["summary"])!.StartsWith("Invitation", StringComparison.Ordinal));
        Assert.Contains("ignore all previous instructions", (string)invitation["description"]!);
        Assert.Equal("events@syncwave.example", (string)invitation["organizer"]!["email"]!);
        Assert.Equal("needsAction", (string)invitation["attendees"]!.AsArray().Single(a => (bool)a!["self"]!)!["response_status"]!);
    }

    [Fact]
    public async Task ListEvents_RecurringMeeting_KeepsItsLocalTimeAcrossTheDstChange()
    {
        await using var harness = await CalendarHarness.StartAsync();

        var result = await harness.RunAsync("list_events", new JsonObject
        {
            ["time_min"] = "2026-03-02T00:00:00Z",
            ["time_max"] = "2026-03-18T00:00:00Z",
            ["query"] = "Atlas team sync",
        });

        var syncs = Events(result);
        Assert.Equal(["2026-03-03T10:00:00-05:00", "2026-03-10T10:00:00-04:00", "2026-03-17T10:00:00-04:00"], syncs.Select(e => (string)e["start"]!["date_time"]!));
        Assert.Equal(["atlasteammeeting01_20260303T150000Z", "atlasteammeeting01_20260310T140000Z", "atlasteammeeting01_20260317T140000Z"], syncs.Select(e => (string)e["id"]!));
    }

    [Fact]
    public async Task ListEvents_AllDayEvent_HasDatesAndNoTime()
    {
        await using var harness = await CalendarHarness.StartAsync();

        var result = await harness.RunAsync("list_events", new JsonObject
        {
            ["time_min"] = "2026-03-12T00:00:00-04:00",
            ["time_max"] = "2026-03-14T00:00:00-04:00",
            ["query"] = "offsite",
        });

        var offsite = Assert.Single(Events(result));
        Assert.True((bool)offsite["all_day"]!);
        Assert.Equal("2026-03-12", (string)offsite["start"]!["date"]!);
        Assert.Equal("2026-03-14", (string)offsite["end"]!["date"]!);
        Assert.Null(offsite["start"]!["date_time"]);
        Assert.Equal("Lakeside Lodge, Lake Placid, NY", (string)offsite["location"]!);
    }

    [Fact]
    public async Task ListEvents_Pages_CoverEveryEventOnce()
    {
        await using var harness = await CalendarHarness.StartAsync();
        var all = Events(await harness.RunAsync("list_events", Week())).Select(e => (string)e["id"]!).ToList();

        var paged = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var args = Week();
            args["max_results"] = 3;
            if (token is not null)
            {
                args["page_token"] = token;
            }

            var page = await harness.RunAsync("list_events", args);
            SchemaAssert.MatchesOutputSchema(harness.Action("list_events"), page);
            paged.AddRange(Events(page).Select(e => (string)e["id"]!));
            token = (string?)page["next_page_token"];
            pages++;
        }
        while (token is not null);

        Assert.True(all.Count > 6, "the seeded week has enough events to page");
        Assert.Equal(all, paged);
        Assert.Equal((all.Count + 2) / 3, pages);
    }

    [Fact]
    public async Task ListEvents_DefaultsTimeMinToNow()
    {
        await using var harness = await CalendarHarness.StartAsync(new DateTimeOffset(2026, 3, 6, 20, 0, 0, TimeSpan.Zero));

        var events = Events(await harness.RunAsync("list_events", new JsonObject { ["max_results"] = 5 }));

        Assert.All(events, e => Assert.True(
            DateTimeOffset.Parse((string?)e["end"]!["date_time"] ?? (string)e["end"]!["date"]!, System.Globalization.CultureInfo.InvariantCulture) > harness.Time.GetUtcNow()));
        Assert.DoesNotContain(events, e => (string?)e["summary"] == "Atlas team sync" && ((string)e["id"]!).EndsWith("20260303T150000Z", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ListEvents_NextPageWithDefaultTimeMin_KeepsTheFirstPagesTimeMin()
    {
        await using var harness = await CalendarHarness.StartAsync();
        var both = await harness.RunAsync("list_events", new JsonObject { ["max_results"] = 8 });
        var first = await harness.RunAsync("list_events", new JsonObject { ["max_results"] = 4 });
        var firstIds = Events(first).Select(e => (string)e["id"]!).ToList();

        // A day passes between the pages: the second page must not be cut at the new "now".
        harness.Time.Advance(TimeSpan.FromDays(1));
        var second = await harness.RunAsync("list_events", new JsonObject { ["max_results"] = 4, ["page_token"] = (string)first["next_page_token"]! });

        Assert.Equal(Events(both).Select(e => (string)e["id"]!), firstIds.Concat(Events(second).Select(e => (string)e["id"]!)));
    }

    [Fact]
    public async Task ListEvents_OnACalendarWhoseIdNeedsEscaping_Works()
    {
        await using var harness = await CalendarHarness.StartAsync();

        var result = await harness.RunAsync("list_events", new JsonObject
        {
            ["calendar_id"] = FakeCalendar.HolidaysCalendarId,
            ["time_min"] = "2026-03-01T00:00:00Z",
            ["time_max"] = "2026-04-01T00:00:00Z",
        });

        var holiday = Assert.Single(Events(result));
        Assert.Equal("Founders' Day (office closed)", (string)holiday["summary"]!);
        Assert.Equal("free", (string)holiday["show_as"]!);
    }

    [Theory]
    [InlineData("time_min", "2026-03-02T00:00:00")]
    [InlineData("time_min", "2026-03-02")]
    [InlineData("time_max", "2026-03-02T00:00:00Z\n")]
    [InlineData("calendar_id", "primary/../other")]
    [InlineData("calendar_id", "primary\n")]
    public async Task ListEvents_BadArgument_IsRejectedNamingTheField_WithoutRequest(string field, string value)
    {
        await using var harness = await CalendarHarness.StartAsync();
        var args = Week();
        args[field] = value;

        var error = await Assert.ThrowsAsync<ConnectorValidationException>(() => harness.ExecuteAsync("list_events", args));

        Assert.Equal(field, error.Field);
        Assert.Equal(0, harness.Server.TotalRequestCount);
    }

    [Fact]
    public async Task ListEvents_TimeMaxBeforeTimeMin_IsRejected()
    {
        await using var harness = await CalendarHarness.StartAsync();

        var error = await Assert.ThrowsAsync<ConnectorValidationException>(() => harness.RunAsync("list_events", new JsonObject
        {
            ["time_min"] = "2026-03-09T00:00:00Z",
            ["time_max"] = "2026-03-02T00:00:00Z",
        }));

        Assert.Equal("time_max", error.Field);
    }

    [Fact]
    public async Task ListEvents_UnknownCalendar_IsNotFound()
    {
        await using var harness = await CalendarHarness.StartAsync();

        var error = await Assert.ThrowsAsync<ResourceNotFoundException>(() => harness.RunAsync("list_events", Week("nobody@example.com")));

        Assert.Contains("nobody@example.com", error.Message);
    }
}
