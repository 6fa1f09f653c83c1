using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Microsoft.Calendar.Actions;
using Connectors.Mcp.Microsoft.Tests.TestSupport;
using Connectors.Mcp.Sandbox.Microsoft;
using Connectors.Mcp.Sandbox.Microsoft.Calendar;

namespace Connectors.Mcp.Microsoft.Tests.Calendar.Actions;

public sealed class CreateEventActionTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 12, 12, 0, 0, TimeSpan.Zero);

    private static JsonObject Meeting(bool teams = false) => new()
    {
        ["title"] = "Planning",
        ["start"] = "2026-03-30T10:00:00",
        ["end"] = "2026-03-30T11:00:00",
        ["time_zone"] = "Europe/Berlin",
        ["attendees"] = new JsonArray("alice@example.com", "bob@example.com"),
        ["location"] = "Room 4",
        ["description"] = "Agenda: roadmap.",
        ["add_teams_meeting"] = teams,
    };

    [Fact]
    public async Task CreateEvent_WithAttendeesAndTeams_CreatesItInItsZone_AndReturnsTheJoinUrl()
    {
        await using var harness = await CalendarHarness.StartAsync(seed: false, now: Now);

        var result = await harness.RunAsync(CreateEventAction.Name, Meeting(teams: true), idempotencyKey: "key-1");

        SchemaAssert.MatchesOutputSchema(harness.Action(CreateEventAction.Name), result);
        Assert.Equal("2026-03-30T10:00:00+02:00", (string?)result["start"]!["date_time"]);
        Assert.Equal("Europe/Berlin", (string?)result["start"]!["time_zone"]);
        Assert.True((bool)result["is_online_meeting"]!);
        Assert.StartsWith("https://teams.microsoft.com/", (string?)result["online_meeting_url"], StringComparison.Ordinal);
        Assert.Equal(["alice@example.com", "bob@example.com"], result["attendees"]!.AsArray().Select(a => (string?)a!["email"]));

        var stored = Assert.Single(harness.Server.Calendar.Events);
        Assert.Equal("Europe/Berlin", stored.TimeZone);
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 8, 0, 0, TimeSpan.Zero), stored.Start);
        Assert.Equal("Agenda: roadmap.", stored.BodyText);
        Assert.StartsWith("connectors-mcp-", stored.TransactionId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateEvent_WithoutTeams_HasNoJoinUrl()
    {
        await using var harness = await CalendarHarness.StartAsync(seed: false, now: Now);

        var result = await harness.RunAsync(CreateEventAction.Name, Meeting(), idempotencyKey: "key-1");

        Assert.False((bool)result["is_online_meeting"]!);
        Assert.Null(result["online_meeting_url"]);
    }

    [Fact]
    public async Task CreateEvent_SameIdempotencyKeyTwice_CreatesOneEvent()
    {
        await using var harness = await CalendarHarness.StartAsync(seed: false, now: Now);

        var first = await harness.RunAsync(CreateEventAction.Name, Meeting(), idempotencyKey: "key-1");
        var second = await harness.RunAsync(CreateEventAction.Name, Meeting(), idempotencyKey: "key-1");

        Assert.Equal((string?)first["id"], (string?)second["id"]);
        Assert.Equal(1, harness.Server.Calendar.CreatedCount);
        Assert.Equal(2, harness.Server.Calendar.RequestCount(FakeCalendarEndpoints.CreateEvent));
    }

    [Fact]
    public async Task CreateEvent_OnASecondCalendar_PostsToThatCalendar()
    {
        await using var harness = await CalendarHarness.StartAsync(now: Now);
        var arguments = Meeting();
        arguments["calendar_id"] = SandboxCalendarSeed.HolidaysCalendarId;

        await harness.RunAsync(CreateEventAction.Name, arguments, idempotencyKey: "key-2");

        Assert.Contains(harness.Server.Calendar.Events, e => e.Subject == "Planning" && e.CalendarId == SandboxCalendarSeed.HolidaysCalendarId);
    }

    [Fact]
    public async Task CreateEvent_Throttled_IsNotRetried_AndSaysWhenToRetry()
    {
        await using var harness = await CalendarHarness.StartAsync(seed: false, now: Now);
        harness.Server.Calendar.InjectFault(FakeCalendarEndpoints.CreateEvent, FakeGraphFault.Throttled(TimeSpan.FromSeconds(1)));

        var error = await Assert.ThrowsAsync<RateLimitedException>(() => harness.RunAsync(CreateEventAction.Name, Meeting(), idempotencyKey: "key-1"));

        Assert.Equal(TimeSpan.FromSeconds(1), error.RetryAfter); // short enough that a read would have been retried
        Assert.Equal(1, harness.Server.Calendar.RequestCount(FakeCalendarEndpoints.CreateEvent));
        Assert.Equal(0, harness.Server.Calendar.CreatedCount);
    }

    [Fact]
    public async Task CreateEvent_ConnectionDroppedAfterGraphCreatedIt_IsAmbiguous_AndFoundAgainOnce()
    {
        await using var harness = await CalendarHarness.StartAsync(seed: false, now: Now);
        harness.Server.Calendar.InjectFault(FakeCalendarEndpoints.CreateEvent, FakeGraphFault.ActThenDropConnection());

        await Assert.ThrowsAsync<AmbiguousOutcomeException>(() => harness.RunAsync(CreateEventAction.Name, Meeting(), idempotencyKey: "key-1"));
        var outcome = await harness.ResolveAsync(CreateEventAction.Name, Meeting(), idempotencyKey: "key-1");

        Assert.NotNull(outcome);
        Assert.True(outcome.TookEffect);
        SchemaAssert.MatchesOutputSchema(harness.Action(CreateEventAction.Name), outcome.Result!);
        Assert.Equal(harness.Server.Calendar.Events.Single().Id, (string?)outcome.Result!["id"]);
        Assert.Equal(1, harness.Server.Calendar.RequestCount(FakeCalendarEndpoints.CreateEvent)); // never re-sent
        Assert.Equal(1, harness.Server.Calendar.CreatedCount);
    }

    [Fact]
    public async Task CreateEvent_ConnectionDroppedBeforeGraphActed_IsAmbiguous_AndFoundNotApplied()
    {
        await using var harness = await CalendarHarness.StartAsync(seed: false, now: Now);
        harness.Server.Calendar.InjectFault(FakeCalendarEndpoints.CreateEvent, FakeGraphFault.DropBeforeActing());

        await Assert.ThrowsAsync<AmbiguousOutcomeException>(() => harness.RunAsync(CreateEventAction.Name, Meeting(), idempotencyKey: "key-1"));
        var outcome = await harness.ResolveAsync(CreateEventAction.Name, Meeting(), idempotencyKey: "key-1");

        Assert.False(outcome!.TookEffect);
        Assert.Equal(1, harness.Server.Calendar.RequestCount(FakeCalendarEndpoints.CreateEvent));
        Assert.Equal(0, harness.Server.Calendar.CreatedCount);
    }

    [Theory]
    [InlineData(503)]
    [InlineData(500)]
    public async Task CreateEvent_ServerErrorAfterTheBodyLeft_IsAmbiguous_AndSentOnce(int status)
    {
        await using var harness = await CalendarHarness.StartAsync(seed: false, now: Now);
        harness.Server.Calendar.InjectFault(FakeCalendarEndpoints.CreateEvent, FakeGraphFault.ActThenAnswer(status));

        await Assert.ThrowsAsync<AmbiguousOutcomeException>(() => harness.RunAsync(CreateEventAction.Name, Meeting(), idempotencyKey: "key-1"));
        var outcome = await harness.ResolveAsync(CreateEventAction.Name, Meeting(), idempotencyKey: "key-1");

        Assert.True(outcome!.TookEffect);
        Assert.Equal(1, harness.Server.Calendar.RequestCount(FakeCalendarEndpoints.CreateEvent));
        Assert.Equal(1, harness.Server.Calendar.CreatedCount);
    }

    [Fact]
    public async Task CreateEvent_KeyReusedForADifferentEvent_IsRefusedByGraph()
    {
        await using var harness = await CalendarHarness.StartAsync(seed: false, now: Now);
        await harness.RunAsync(CreateEventAction.Name, Meeting(), idempotencyKey: "key-1");
        var other = Meeting();
        other["title"] = "Something else";

        var error = await Assert.ThrowsAsync<ProviderException>(() => harness.RunAsync(CreateEventAction.Name, other, idempotencyKey: "key-1"));

        Assert.Equal(409, error.StatusCode);
        Assert.Equal(1, harness.Server.Calendar.CreatedCount);
    }
}
