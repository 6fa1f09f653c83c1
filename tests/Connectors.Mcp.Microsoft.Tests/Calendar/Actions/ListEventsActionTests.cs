using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Microsoft.Calendar.Actions;
using Connectors.Mcp.Microsoft.Tests.TestSupport;
using Connectors.Mcp.Sandbox.Microsoft;
using Connectors.Mcp.Sandbox.Microsoft.Calendar;

namespace Connectors.Mcp.Microsoft.Tests.Calendar.Actions;

public sealed class ListEventsActionTests
{
    /// <summary>Thursday 12 March 2026, 12:00 UTC: the US is on daylight time since 8 March, Europe not until 29 March.</summary>
    private static readonly DateTimeOffset Now = new(2026, 3, 12, 12, 0, 0, TimeSpan.Zero);

    private static JsonObject Weekly(string id, string day, string zone, int count) => new()
    {
        ["id"] = id,
        ["subject"] = "Weekly sync",
        ["start"] = new JsonObject { ["dateTime"] = $"{day}T10:00:00.0000000", ["timeZone"] = zone },
        ["end"] = new JsonObject { ["dateTime"] = $"{day}T10:30:00.0000000", ["timeZone"] = zone },
        ["recurrence"] = new JsonObject
        {
            ["pattern"] = new JsonObject { ["type"] = "weekly", ["interval"] = 1, ["daysOfWeek"] = new JsonArray("monday") },
            ["range"] = new JsonObject { ["type"] = "numbered", ["startDate"] = day, ["numberOfOccurrences"] = count },
        },
    };

    private static JsonObject Single(string id, string start, string end, string zone) => new()
    {
        ["id"] = id,
        ["subject"] = id,
        ["start"] = new JsonObject { ["dateTime"] = start, ["timeZone"] = zone },
        ["end"] = new JsonObject { ["dateTime"] = end, ["timeZone"] = zone },
    };

    [Fact]
    public async Task ListEvents_SeededWeek_ExpandsTheWeeklySeriesIntoOccurrences()
    {
        await using var harness = await CalendarHarness.StartAsync();

        var result = await harness.RunAsync(ListEventsAction.Name, new JsonObject { ["time_zone"] = "Europe/Berlin", ["max_results"] = 100 });

        SchemaAssert.MatchesOutputSchema(harness.Action(ListEventsAction.Name), result);
        Assert.Equal("Europe/Berlin", (string?)result["time_zone"]);
        var events = result["events"]!.AsArray().Select(e => e!.AsObject()).ToList();
        var syncs = events.Where(e => (string?)e["summary"] == "Weekly team sync").ToList();
        Assert.InRange(syncs.Count, 1, 3); // Monday and Thursday within seven days
        Assert.All(syncs, s =>
        {
            Assert.Equal("occurrence", (string?)s["type"]);
            Assert.Equal(SandboxCalendarSeed.WeeklySeriesId, (string?)s["recurring_event_id"]);
            Assert.Contains("T10:00:00+0", (string?)s["start"]!["date_time"], StringComparison.Ordinal);
            Assert.Equal("Europe/Berlin", (string?)s["start"]!["time_zone"]);
        });
        Assert.Contains(events, e => (string?)e["id"] == SandboxCalendarSeed.InjectionEventId);
        var starts = events.Select(e => DateTimeOffset.Parse((string)e["start"]!["date_time"]!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(starts.Order(), starts);
    }

    [Fact]
    public async Task ListEvents_WeeklySeriesAcrossTheEuropeanDstChange_KeepsItsLocalTime()
    {
        await using var harness = await CalendarHarness.StartAsync(seed: false, now: Now);
        harness.Server.Calendar.AddEvent(Weekly("AAMk-weekly-berlin", "2026-03-16", "Europe/Berlin", 4));

        var result = await harness.RunAsync(ListEventsAction.Name, new JsonObject
        {
            ["time_min"] = "2026-03-16T00:00:00+01:00",
            ["time_max"] = "2026-04-10T00:00:00+02:00",
            ["time_zone"] = "Europe/Berlin",
        });

        SchemaAssert.MatchesOutputSchema(harness.Action(ListEventsAction.Name), result);
        Assert.Equal(
            ["2026-03-16T10:00:00+01:00", "2026-03-23T10:00:00+01:00", "2026-03-30T10:00:00+02:00", "2026-04-06T10:00:00+02:00"],
            result["events"]!.AsArray().Select(e => (string?)e!["start"]!["date_time"]));
        Assert.Equal("2026-03-16T00:00:00+01:00", (string?)result["time_min"]);

        // The same series seen from UTC moves by an hour: the instant follows Berlin's wall clock.
        var utc = await harness.RunAsync(ListEventsAction.Name, new JsonObject { ["time_min"] = "2026-03-16T00:00:00Z", ["time_max"] = "2026-04-10T00:00:00Z" });
        Assert.Equal(
            ["2026-03-16T09:00:00+00:00", "2026-03-23T09:00:00+00:00", "2026-03-30T08:00:00+00:00", "2026-04-06T08:00:00+00:00"],
            utc["events"]!.AsArray().Select(e => (string?)e!["start"]!["date_time"]));
        Assert.Equal("UTC", (string?)utc["time_zone"]);
    }

    [Fact]
    public async Task ListEvents_OverTheAmericanDstDay_GivesEachEventItsOwnOffset()
    {
        await using var harness = await CalendarHarness.StartAsync(seed: false, now: Now);
        harness.Server.Calendar.AddEvent(Single("AAMk-night", "2026-03-08T01:00:00", "2026-03-08T01:30:00", "America/New_York"));
        harness.Server.Calendar.AddEvent(Single("AAMk-morning", "2026-03-08T10:00:00", "2026-03-08T11:00:00", "America/New_York"));
        harness.Server.Calendar.AddEvent(Single("AAMk-utc", "2026-03-08T20:00:00", "2026-03-08T21:00:00", "UTC"));

        var result = await harness.RunAsync(ListEventsAction.Name, new JsonObject
        {
            ["time_min"] = "2026-03-08T00:00:00-05:00",
            ["time_max"] = "2026-03-09T00:00:00-04:00",
            ["time_zone"] = "America/New_York",
        });

        SchemaAssert.MatchesOutputSchema(harness.Action(ListEventsAction.Name), result);
        Assert.Equal(
            ["2026-03-08T01:00:00-05:00", "2026-03-08T10:00:00-04:00", "2026-03-08T16:00:00-04:00"],
            result["events"]!.AsArray().Select(e => (string?)e!["start"]!["date_time"]));
        Assert.Equal("2026-03-09T00:00:00-04:00", (string?)result["time_max"]);
    }

    [Fact]
    public async Task ListEvents_WindowsTimeZoneName_IsAskedOfGraphAsGiven()
    {
        await using var harness = await CalendarHarness.StartAsync(seed: false, now: Now);
        harness.Server.Calendar.AddEvent(Single("AAMk-one", "2026-03-12T15:00:00", "2026-03-12T16:00:00", "UTC"));

        var result = await harness.RunAsync(ListEventsAction.Name, new JsonObject { ["time_zone"] = "Eastern Standard Time" });

        var start = result["events"]![0]!["start"]!;
        Assert.Equal("2026-03-12T11:00:00-04:00", (string?)start["date_time"]);
        Assert.Equal("Eastern Standard Time", (string?)start["time_zone"]);
    }

    [Fact]
    public async Task ListEvents_Paging_FollowsNextLinksOnTheFakesHost_WithoutGapsOrRepeats()
    {
        await using var harness = await CalendarHarness.StartAsync(seed: false, now: Now);
        for (var i = 0; i < 7; i++)
        {
            harness.Server.Calendar.AddEvent(Single($"AAMk-e{i}", $"2026-03-13T0{i + 1}:00:00", $"2026-03-13T0{i + 1}:30:00", "UTC"));
        }

        var ids = new List<string>();
        var arguments = new JsonObject { ["time_min"] = "2026-03-13T00:00:00Z", ["time_max"] = "2026-03-14T00:00:00Z", ["max_results"] = 3 };
        for (var page = 0; page < 5; page++)
        {
            var result = await harness.RunAsync(ListEventsAction.Name, arguments);
            SchemaAssert.MatchesOutputSchema(harness.Action(ListEventsAction.Name), result);
            ids.AddRange(result["events"]!.AsArray().Select(e => (string)e!["id"]!));
            if ((string?)result["next_page_token"] is not { } token)
            {
                break;
            }

            arguments = new JsonObject { ["page_token"] = token };
        }

        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"AAMk-e{i}"), ids);
        Assert.Equal(3, harness.Server.Calendar.RequestCount(FakeCalendarEndpoints.CalendarView));
    }

    [Fact]
    public async Task ListEvents_PageTokenPointingElsewhere_IsRefusedWithoutARequest()
    {
        await using var harness = await CalendarHarness.StartAsync(seed: false, now: Now);
        var foreign = Convert.ToBase64String("https://attacker.example/v1.0/me/calendarView?$skip=3"u8.ToArray());

        await Assert.ThrowsAsync<ConnectorValidationException>(() => harness.RunAsync(ListEventsAction.Name, new JsonObject { ["page_token"] = foreign }));

        Assert.Equal(0, harness.Server.Calendar.RequestCount(FakeCalendarEndpoints.CalendarView));
    }

    [Fact]
    public void ListEvents_WindowLongerThan62Days_IsRefused()
    {
        var action = new Microsoft.Calendar.OutlookCalendarConnectorType().Actions.Single(a => a.Name == ListEventsAction.Name);
        Assert.Throws<ConnectorValidationException>(() => action.Parse(new JsonObject { ["time_min"] = "2026-01-01T00:00:00Z", ["time_max"] = "2026-04-01T00:00:00Z" }));
    }

    [Fact]
    public async Task ListEvents_ThrottledBriefly_IsRetriedAfterRetryAfter()
    {
        await using var harness = await CalendarHarness.StartAsync(seed: false, now: Now);
        harness.Server.Calendar.InjectFault(FakeCalendarEndpoints.CalendarView, FakeGraphFault.Throttled(TimeSpan.FromSeconds(1)));

        var result = await harness.RunAsync(ListEventsAction.Name, []);

        Assert.Empty(result["events"]!.AsArray());
        Assert.Equal(2, harness.Server.Calendar.RequestCount(FakeCalendarEndpoints.CalendarView));
    }

    [Fact]
    public async Task ListEvents_ThrottledLongerThanThePipelineWaits_IsRateLimitedWithRetryAfter()
    {
        await using var harness = await CalendarHarness.StartAsync(seed: false, now: Now);
        harness.Server.Calendar.InjectFault(FakeCalendarEndpoints.CalendarView, FakeGraphFault.Throttled(TimeSpan.FromSeconds(40)));

        var error = await Assert.ThrowsAsync<RateLimitedException>(() => harness.RunAsync(ListEventsAction.Name, []));

        Assert.Equal(TimeSpan.FromSeconds(40), error.RetryAfter);
        Assert.Equal(1, harness.Server.Calendar.RequestCount(FakeCalendarEndpoints.CalendarView));
    }
}
