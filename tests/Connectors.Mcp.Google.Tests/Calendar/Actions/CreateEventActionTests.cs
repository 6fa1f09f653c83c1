using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Google.Tests.TestSupport;
using Connectors.Mcp.Sandbox.Google;
using Connectors.Mcp.Sandbox.Google.Calendar;

namespace Connectors.Mcp.Google.Tests.Calendar.Actions;

public sealed class CreateEventActionTests
{
    private static JsonObject NewYorkMeeting() => new()
    {
        ["title"] = "Roadmap planning",
        ["start"] = "2026-03-16T10:00:00",
        ["end"] = "2026-03-16T11:30:00",
        ["time_zone"] = "America/New_York",
        ["attendees"] = new JsonArray(CalendarHarness.Priya, "guest@contoso.example"),
        ["location"] = "Room 4.02",
        ["description"] = "Agenda:\n1. Q2 goals\n2. Staffing",
    };

    [Fact]
    public async Task CreateEvent_InNewYork_IsReadBackWithItsZone_AndNotifiesNobodyByDefault()
    {
        await using var harness = await CalendarHarness.StartAsync();

        var created = await harness.RunAsync("create_event", NewYorkMeeting());

        SchemaAssert.MatchesOutputSchema(harness.Action("create_event"), created);
        Assert.Equal("2026-03-16T10:00:00-04:00", (string)created["start"]!["date_time"]!);
        Assert.Equal("2026-03-16T11:30:00-04:00", (string)created["end"]!["date_time"]!);
        Assert.Equal("America/New_York", (string)created["start"]!["time_zone"]!);
        Assert.Equal("Roadmap planning", (string)created["summary"]!);
        Assert.Equal([CalendarHarness.Priya, "guest@contoso.example"], created["attendees"]!.AsArray().Select(a => (string)a!["email"]!));
        Assert.All(created["attendees"]!.AsArray(), a => Assert.Equal("needsAction", (string)a!["response_status"]!));

        var change = Assert.Single(harness.Calendar.Changes);
        Assert.Equal("insert", change.Method);
        Assert.Equal("none", change.SendUpdates);
        Assert.Empty(change.Notified("northwind.example"));
        Assert.Equal((string)created["id"]!, change.EventId);
        Assert.Equal("America/New_York", (string)change.Body!["start"]!["timeZone"]!);

        var read = await harness.RunAsync("get_event", new JsonObject { ["event_id"] = (string)created["id"]! });
        Assert.Equal("2026-03-16T10:00:00-04:00", (string)read["start"]!["date_time"]!);
        Assert.Equal("America/New_York", (string)read["start"]!["time_zone"]!);
    }

    [Fact]
    public async Task CreateEvent_InTokyo_KeepsTheEventsZone_WhileTheCalendarIsInNewYork()
    {
        await using var harness = await CalendarHarness.StartAsync();

        var created = await harness.RunAsync("create_event", new JsonObject
        {
            ["title"] = "Tokyo sync",
            ["start"] = "2026-03-18T09:00:00",
            ["end"] = "2026-03-18T09:30:00",
            ["time_zone"] = "Asia/Tokyo",
        });

        Assert.Equal("2026-03-18T09:00:00+09:00", (string)created["start"]!["date_time"]!);
        Assert.Equal("2026-03-17T20:00:00-04:00", (string)harness.Calendar.FindEvent("primary", (string)created["id"]!)!["start"]!["dateTime"]!);
    }

    [Fact]
    public async Task CreateEvent_WithAnOffsetAndNoZone_IsThatInstant()
    {
        await using var harness = await CalendarHarness.StartAsync();

        var created = await harness.RunAsync("create_event", new JsonObject
        {
            ["title"] = "Offset only",
            ["start"] = "2026-03-16T15:00:00Z",
            ["end"] = "2026-03-16T15:45:00Z",
        });

        Assert.Equal(
            DateTimeOffset.Parse("2026-03-16T15:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
            DateTimeOffset.Parse((string)created["start"]!["date_time"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Null(created["start"]!["time_zone"]);
    }

    [Theory]
    [InlineData(null, "none")]
    [InlineData("none", "none")]
    [InlineData("external_only", "externalOnly")]
    [InlineData("all", "all")]
    public async Task CreateEvent_SendUpdates_IsPassedThrough(string? sendUpdates, string wire)
    {
        await using var harness = await CalendarHarness.StartAsync();
        var args = NewYorkMeeting();
        if (sendUpdates is not null)
        {
            args["send_updates"] = sendUpdates;
        }

        await harness.RunAsync("create_event", args);

        var change = Assert.Single(harness.Calendar.Changes);
        Assert.Equal(wire, change.SendUpdates);
        Assert.Equal(
            wire switch { "all" => [CalendarHarness.Priya, "guest@contoso.example"], "externalOnly" => ["guest@contoso.example"], _ => Array.Empty<string>() },
            change.Notified("northwind.example"));
    }

    [Fact]
    public async Task CreateEvent_AllDay_DefaultsToOneDay()
    {
        await using var harness = await CalendarHarness.StartAsync();

        var created = await harness.RunAsync("create_event", new JsonObject { ["title"] = "Team day", ["start_date"] = "2026-03-20" });

        SchemaAssert.MatchesOutputSchema(harness.Action("create_event"), created);
        Assert.True((bool)created["all_day"]!);
        Assert.Equal("2026-03-20", (string)created["start"]!["date"]!);
        Assert.Equal("2026-03-21", (string)created["end"]!["date"]!);
        Assert.Null(created["start"]!["date_time"]);
    }

    [Fact]
    public async Task CreateEvent_AddMeetLink_AsksForAConferenceAndReturnsTheLink()
    {
        await using var harness = await CalendarHarness.StartAsync();
        var args = NewYorkMeeting();
        args["add_meet_link"] = true;

        var created = await harness.RunAsync("create_event", args);

        Assert.Matches("^https://meet\\.google\\.com/[a-z]{3}-[a-z]{4}-[a-z]{3}$", (string)created["meet_link"]!);
        Assert.Equal("success", (string)created["conference_status"]!);
        var request = harness.Calendar.Changes.Single().Body!["conferenceData"]!["createRequest"]!;
        Assert.Equal("hangoutsMeet", (string)request["conferenceSolutionKey"]!["type"]!);
        Assert.Equal("meet-" + (string)created["id"]!, (string)request["requestId"]!);
    }

    [Fact]
    public async Task CreateEvent_SameCallTwice_Google409_ReturnsTheExistingEventInsteadOfADuplicate()
    {
        await using var harness = await CalendarHarness.StartAsync();
        var first = await harness.RunAsync("create_event", NewYorkMeeting());

        var second = await harness.RunAsync("create_event", NewYorkMeeting());

        Assert.True(JsonNode.DeepEquals(first, second), second.ToJsonString());
        Assert.Equal(2, harness.Server.RequestCount(FakeCalendarEndpoints.EventsInsert));
        Assert.Equal(1, harness.Server.RequestCount(FakeCalendarEndpoints.EventsGet));
        Assert.Single(harness.Calendar.Changes);
        Assert.Matches("^[a-v0-9]{32}$", (string)first["id"]!);
    }

    [Fact]
    public async Task CreateEvent_ChosenEventIdAlreadyTaken_IsRefusedWith409()
    {
        await using var harness = await CalendarHarness.StartAsync();
        var args = NewYorkMeeting();
        args["event_id"] = "chosenid0123";
        await harness.RunAsync("create_event", args);
        var other = NewYorkMeeting();
        other["event_id"] = "chosenid0123";
        other["title"] = "Something else";

        var error = await Assert.ThrowsAsync<ProviderException>(() => harness.RunAsync("create_event", other));

        Assert.Equal(409, error.StatusCode);
        Assert.Contains("chosenid0123", error.Message);
        Assert.Contains("event_id", error.Message);
        Assert.Single(harness.Calendar.Changes);
    }

    [Fact]
    public void CreateEvent_DerivedId_DependsOnTheEventNotOnSendUpdates()
    {
        var same = NewYorkMeeting();
        same["send_updates"] = "all";
        var other = NewYorkMeeting();
        other["title"] = "Roadmap planning (2)";

        var id = Create(NewYorkMeeting()).EventId;

        Assert.Equal(id, Create(same).EventId);
        Assert.NotEqual(id, Create(other).EventId);

        static Google.Calendar.Actions.CreateEventAction.Request Create(JsonObject args) =>
            Google.Calendar.Actions.CreateEventAction.Parse(new Connectors.Arguments.ActionArguments(args));
    }

    [Fact]
    public async Task CreateEvent_GivenEventId_IsUsed()
    {
        await using var harness = await CalendarHarness.StartAsync();
        var args = NewYorkMeeting();
        args["event_id"] = "meetingid0123";

        var created = await harness.RunAsync("create_event", args);

        Assert.Equal("meetingid0123", (string)created["id"]!);
    }

    [Fact]
    public async Task CreateEvent_503_IsNotRetried()
    {
        await using var harness = await CalendarHarness.StartAsync();
        harness.Server.InjectFault(FakeCalendarEndpoints.EventsInsert, FakeFault.Unavailable());

        var error = await Assert.ThrowsAsync<AmbiguousOutcomeException>(() => harness.RunAsync("create_event", NewYorkMeeting()));

        Assert.Equal(503, error.StatusCode);
        Assert.Equal(1, harness.Server.RequestCount(FakeCalendarEndpoints.EventsInsert));
        Assert.Empty(harness.Calendar.Changes);
    }

    [Theory]
    [InlineData("title", "Sync\r\nNotifications: none")]
    [InlineData("title", "")]
    [InlineData("location", "Room 1\nGuests: nobody")]
    [InlineData("time_zone", "Mars/Olympus_Mons")]
    [InlineData("time_zone", "Eastern Standard Time")]
    [InlineData("time_zone", "America/New_York\n")]
    [InlineData("event_id", "has-upper-X")]
    [InlineData("event_id", "wxyz0")]
    [InlineData("send_updates", "everyone")]
    [InlineData("start", "2026-03-16 10:00")]
    [InlineData("start", "2026-02-30T10:00:00")]
    [InlineData("calendar_id", "../users/me")]
    public async Task CreateEvent_BadArgument_IsRejectedNamingTheField_WithoutAnyRequest(string field, string value)
    {
        await using var harness = await CalendarHarness.StartAsync();
        var args = NewYorkMeeting();
        args[field] = value;

        var error = await Assert.ThrowsAsync<ConnectorValidationException>(() => harness.ExecuteAsync("create_event", args));

        Assert.Equal(field, error.Field);
        Assert.Equal(0, harness.Server.TotalRequestCount);
    }

    [Fact]
    public async Task CreateEvent_LocalTimeInTheDstGap_IsRejected()
    {
        await using var harness = await CalendarHarness.StartAsync();

        var error = await Assert.ThrowsAsync<ConnectorValidationException>(() => harness.RunAsync("create_event", new JsonObject
        {
            ["title"] = "Too early",
            ["start"] = "2026-03-08T02:30:00",
            ["end"] = "2026-03-08T03:30:00",
            ["time_zone"] = "America/New_York",
        }));

        Assert.Equal("start", error.Field);
        Assert.Contains("daylight saving", error.Message);
    }

    [Fact]
    public async Task CreateEvent_TimingMistakes_AreRejectedWithoutRequest()
    {
        await using var harness = await CalendarHarness.StartAsync();

        var noZone = await Assert.ThrowsAsync<ConnectorValidationException>(() => harness.RunAsync("create_event", new JsonObject
        {
            ["title"] = "x", ["start"] = "2026-03-16T10:00:00", ["end"] = "2026-03-16T11:00:00",
        }));
        var backwards = await Assert.ThrowsAsync<ConnectorValidationException>(() => harness.RunAsync("create_event", new JsonObject
        {
            ["title"] = "x", ["start"] = "2026-03-16T10:00:00Z", ["end"] = "2026-03-16T09:00:00Z",
        }));
        var mixed = await Assert.ThrowsAsync<ConnectorValidationException>(() => harness.RunAsync("create_event", new JsonObject
        {
            ["title"] = "x", ["start"] = "2026-03-16T10:00:00Z", ["end"] = "2026-03-16T11:00:00Z", ["start_date"] = "2026-03-16",
        }));
        var noEnd = await Assert.ThrowsAsync<ConnectorValidationException>(() => harness.ExecuteAsync("create_event", new JsonObject
        {
            ["title"] = "x", ["start"] = "2026-03-16T10:00:00Z",
        }));
        var endDate = await Assert.ThrowsAsync<ConnectorValidationException>(() => harness.RunAsync("create_event", new JsonObject
        {
            ["title"] = "x", ["start_date"] = "2026-03-16", ["end_date"] = "2026-03-16",
        }));
        var noTime = await Assert.ThrowsAsync<ConnectorValidationException>(() => harness.RunAsync("create_event", new JsonObject { ["title"] = "x" }));

        Assert.Equal("start", noZone.Field);
        Assert.Equal("end", backwards.Field);
        Assert.Equal("start_date", mixed.Field);
        Assert.Equal("end", noEnd.Field);
        Assert.Equal("end_date", endDate.Field);
        Assert.Equal("start", noTime.Field);
        Assert.Contains("start_date", noTime.Message);
        Assert.Equal(0, harness.Server.TotalRequestCount);
    }

    [Fact]
    public async Task CreateEvent_OnAReadOnlyCalendar_IsAProviderError()
    {
        await using var harness = await CalendarHarness.StartAsync();
        var args = NewYorkMeeting();
        args["calendar_id"] = FakeCalendar.HolidaysCalendarId;

        var error = await Assert.ThrowsAsync<ProviderException>(() => harness.RunAsync("create_event", args));

        Assert.Equal(403, error.StatusCode);
        Assert.Contains("writer access", error.Message);
    }
}
