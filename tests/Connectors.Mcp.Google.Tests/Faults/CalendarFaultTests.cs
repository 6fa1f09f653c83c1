using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Google.Tests.Calendar;
using Connectors.Mcp.Google.Tests.TestSupport;
using Connectors.Mcp.Sandbox.Google;
using Connectors.Mcp.Sandbox.Google.Calendar;

namespace Connectors.Mcp.Google.Tests.Faults;

/// <summary>
/// Google Calendar through the production HTTP stack with faults injected into the fake: the read is <c>list_events</c>
/// (events.list, GET), the write is <c>create_event</c> (events.insert, POST). Reads are retried where safe; an insert
/// is never re-sent, so the fake records at most one new event. The clocks start at the real now, so an HTTP-date
/// <c>Retry-After</c> means the same wait to the pipeline and to the connector.
/// </summary>
public sealed class CalendarFaultTests
{
    private static JsonObject Window() => new()
    {
        ["time_min"] = "2026-03-02T00:00:00Z",
        ["time_max"] = "2026-03-09T00:00:00Z",
    };

    private static JsonObject NewEvent() => new()
    {
        ["title"] = "Budget review",
        ["start"] = "2026-03-16T10:00:00",
        ["end"] = "2026-03-16T11:00:00",
        ["time_zone"] = "America/New_York",
    };

    private static Task<CalendarHarness> StartAsync(GooglePipeline? pipeline = null) =>
        CalendarHarness.StartAsync(DateTimeOffset.UtcNow, pipeline ?? FaultPipelines.Create());

    private static int Inserts(CalendarHarness harness) => harness.Calendar.Changes.Count(c => c.Method == "insert");

    // ---- 429 with Retry-After ----

    [Fact]
    public async Task Read_429_WithShortRetryAfterSeconds_IsRetried()
    {
        await using var harness = await StartAsync();
        harness.Server.InjectFault(FakeCalendarEndpoints.EventsList, FakeFault.RateLimited(TimeSpan.FromSeconds(1)));

        await harness.RunAsync("list_events", Window());

        Assert.Equal(2, harness.Server.RequestCount(FakeCalendarEndpoints.EventsList));
    }

    [Fact]
    public async Task Read_429_WithShortRetryAfterDate_IsRetried()
    {
        await using var harness = await StartAsync();
        harness.Server.InjectFault(FakeCalendarEndpoints.EventsList, FakeFault.RateLimitedUntil(DateTimeOffset.UtcNow.AddSeconds(2)));

        await harness.RunAsync("list_events", Window());

        Assert.Equal(2, harness.Server.RequestCount(FakeCalendarEndpoints.EventsList));
    }

    [Fact]
    public async Task Read_429_WithLongRetryAfterSeconds_IsRateLimited()
    {
        await using var harness = await StartAsync();
        harness.Server.InjectFault(FakeCalendarEndpoints.EventsList, FakeFault.RateLimited(TimeSpan.FromSeconds(45)));

        var error = await Assert.ThrowsAsync<RateLimitedException>(() => harness.RunAsync("list_events", Window()));

        Assert.Equal(TimeSpan.FromSeconds(45), error.RetryAfter);
        Assert.Equal(1, harness.Server.RequestCount(FakeCalendarEndpoints.EventsList));
    }

    [Fact]
    public async Task Read_429_WithLongRetryAfterDate_IsRateLimited()
    {
        await using var harness = await StartAsync();
        harness.Server.InjectFault(FakeCalendarEndpoints.EventsList, FakeFault.RateLimitedUntil(DateTimeOffset.UtcNow.AddSeconds(300)));

        var error = await Assert.ThrowsAsync<RateLimitedException>(() => harness.RunAsync("list_events", Window()));

        Assert.InRange(error.RetryAfter!.Value.TotalSeconds, 290, 300);
        Assert.Equal(1, harness.Server.RequestCount(FakeCalendarEndpoints.EventsList));
    }

    [Fact]
    public async Task Insert_429_IsNotRetried()
    {
        await using var harness = await StartAsync();
        harness.Server.InjectFault(FakeCalendarEndpoints.EventsInsert, FakeFault.RateLimited(TimeSpan.FromSeconds(1)));

        var error = await Assert.ThrowsAsync<RateLimitedException>(() => harness.RunAsync("create_event", NewEvent()));

        Assert.Equal(TimeSpan.FromSeconds(1), error.RetryAfter);
        Assert.Equal(1, harness.Server.RequestCount(FakeCalendarEndpoints.EventsInsert));
        Assert.Equal(0, Inserts(harness));
    }

    // ---- 5xx ----

    [Fact]
    public async Task Read_503_IsRetried()
    {
        await using var harness = await StartAsync();
        harness.Server.InjectFault(FakeCalendarEndpoints.EventsList, FakeFault.Unavailable());

        await harness.RunAsync("list_events", Window());

        Assert.Equal(2, harness.Server.RequestCount(FakeCalendarEndpoints.EventsList));
    }

    [Fact]
    public async Task Insert_500_IsNotRetried()
    {
        await using var harness = await StartAsync();
        harness.Server.InjectFault(FakeCalendarEndpoints.EventsInsert, new FakeFault(500));

        var error = await Assert.ThrowsAsync<AmbiguousOutcomeException>(() => harness.RunAsync("create_event", NewEvent()));

        Assert.Equal(500, error.StatusCode);
        Assert.Equal(1, harness.Server.RequestCount(FakeCalendarEndpoints.EventsInsert));
        Assert.Equal(0, Inserts(harness));
    }

    // ---- dropped connections ----

    [Fact]
    public async Task Read_DroppedConnection_IsRetried()
    {
        await using var harness = await StartAsync();
        harness.Server.InjectFault(FakeCalendarEndpoints.EventsList, FakeFault.DropBeforeActing());

        await harness.RunAsync("list_events", Window());

        Assert.Equal(2, harness.Server.RequestCount(FakeCalendarEndpoints.EventsList));
    }

    [Fact]
    public async Task Insert_DroppedBeforeCalendarActed_IsNotReSent_AndSaysTheOutcomeIsUnknown()
    {
        await using var harness = await StartAsync();
        harness.Server.InjectFault(FakeCalendarEndpoints.EventsInsert, FakeFault.DropBeforeActing());

        var error = await Assert.ThrowsAsync<AmbiguousOutcomeException>(() => harness.RunAsync("create_event", NewEvent()));

        Assert.Contains("unknown", error.Message);
        Assert.Equal(1, harness.Server.RequestCount(FakeCalendarEndpoints.EventsInsert));
        Assert.Equal(0, Inserts(harness));
    }

    [Fact]
    public async Task Insert_DroppedAfterCalendarActed_IsNotReSent_TheFakeHasExactlyOneNewEvent()
    {
        await using var harness = await StartAsync();
        harness.Server.InjectFault(FakeCalendarEndpoints.EventsInsert, FakeFault.DropAfterActing());

        var error = await Assert.ThrowsAsync<AmbiguousOutcomeException>(() => harness.RunAsync("create_event", NewEvent()));

        Assert.Contains("acted on it is unknown", error.Message);
        Assert.Equal(1, harness.Server.RequestCount(FakeCalendarEndpoints.EventsInsert));
        Assert.Equal(1, Inserts(harness));
    }

    [Fact]
    public async Task Insert_ThatNeverReachedCalendar_ConnectionRefused_IsRetried_AndCreatedOnce()
    {
        var refusal = new RefusedConnection("/events");
        await using var harness = await StartAsync(new GooglePipeline(primaryHandler: () => new RefuseFirstConnectHandler(refusal)));

        var created = await harness.RunAsync("create_event", NewEvent());

        Assert.Equal(1, refusal.Refused);
        Assert.Equal(1, harness.Server.RequestCount(FakeCalendarEndpoints.EventsInsert));
        Assert.Equal((string)created["id"]!, harness.Calendar.Changes.Single(c => c.Method == "insert").EventId);
    }

    // ---- slow past the timeout ----

    [Fact]
    public async Task Read_SlowerThanTheAttemptTimeout_IsRetried()
    {
        await using var harness = await StartAsync();
        harness.Server.InjectFault(FakeCalendarEndpoints.EventsList, FakeFault.Slow(FaultPipelines.SlowerThanTimeout));

        await harness.RunAsync("list_events", Window());

        Assert.Equal(2, harness.Server.RequestCount(FakeCalendarEndpoints.EventsList));
    }

    [Fact]
    public async Task Insert_SlowerThanTheAttemptTimeout_IsNotReSent()
    {
        await using var harness = await StartAsync();
        harness.Server.InjectFault(FakeCalendarEndpoints.EventsInsert, FakeFault.Slow(FaultPipelines.SlowerThanTimeout));

        var error = await Assert.ThrowsAsync<AmbiguousOutcomeException>(() => harness.RunAsync("create_event", NewEvent()));

        Assert.Contains("did not answer within 1 seconds", error.Message);
        Assert.Equal(1, harness.Server.RequestCount(FakeCalendarEndpoints.EventsInsert));
    }

    // ---- credentials ----

    [Fact]
    public async Task Insert_401OnAFreshToken_RefreshesOnce_AndCreatesOnce()
    {
        await using var harness = await StartAsync();
        harness.Server.InjectFault(FakeCalendarEndpoints.EventsInsert, new FakeFault(401));

        await harness.RunAsync("create_event", NewEvent());

        Assert.Equal(1, harness.Server.TokenRequestCount);
        Assert.Equal(2, harness.Server.RequestCount(FakeCalendarEndpoints.EventsInsert));
        Assert.Equal(1, Inserts(harness));
    }

    [Fact]
    public async Task Read_WithARevokedGrant_IsReconnectRequired()
    {
        await using var harness = await StartAsync();
        harness.Server.RevokeGrant(harness.Grant.RefreshToken);

        var error = await Assert.ThrowsAsync<ReconnectRequiredException>(() => harness.RunAsync("list_events", Window()));

        Assert.Contains(CalendarHarness.ConnectorId, error.Message);
        Assert.Equal(1, harness.Server.TokenRequestCount);
    }

    [Fact]
    public async Task Insert_WithARevokedGrant_IsReconnectRequired_AndNothingIsCreated()
    {
        await using var harness = await StartAsync();
        harness.Server.RevokeGrant(harness.Grant.RefreshToken);

        await Assert.ThrowsAsync<ReconnectRequiredException>(() => harness.RunAsync("create_event", NewEvent()));

        Assert.Equal(0, Inserts(harness));
    }
}
