using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Sandbox.Google;
using Connectors.Mcp.Sandbox.Google.Calendar;

namespace Connectors.Mcp.Google.Tests.Calendar;

/// <summary>The shared executor's error mapping, seen through the Calendar connector.</summary>
public sealed class CalendarErrorMappingTests
{
    private static JsonObject Week() => new() { ["time_min"] = "2026-03-02T00:00:00Z", ["time_max"] = "2026-03-09T00:00:00Z" };

    [Fact]
    public async Task Read_503_IsRetried()
    {
        await using var harness = await CalendarHarness.StartAsync();
        harness.Server.InjectFault(FakeCalendarEndpoints.EventsList, FakeFault.Unavailable());

        var result = await harness.RunAsync("list_events", Week());

        Assert.NotEmpty(result["events"]!.AsArray());
        Assert.Equal(2, harness.Server.RequestCount(FakeCalendarEndpoints.EventsList));
    }

    [Fact]
    public async Task RateLimited_CarriesRetryAfter_AndIsNotRetried()
    {
        await using var harness = await CalendarHarness.StartAsync();
        harness.Server.InjectFault(FakeCalendarEndpoints.EventsGet, new FakeFault(403, TimeSpan.FromSeconds(12), Reason: "rateLimitExceeded"));

        var error = await Assert.ThrowsAsync<RateLimitedException>(() => harness.RunAsync("get_event", new JsonObject { ["event_id"] = "londonq3" }));

        Assert.Equal(TimeSpan.FromSeconds(12), error.RetryAfter);
        Assert.Contains("Google Calendar", error.Message);
        Assert.Equal(1, harness.Server.RequestCount(FakeCalendarEndpoints.EventsGet));
    }

    [Fact]
    public async Task InsufficientScope_IsReconnectRequired()
    {
        await using var harness = await CalendarHarness.StartAsync();
        harness.Server.InjectFault(FakeCalendarEndpoints.FreeBusyQuery, new FakeFault(403, Reason: "insufficientPermissions"));

        var error = await Assert.ThrowsAsync<ReconnectRequiredException>(() => harness.RunAsync("find_free_busy", Week()));

        Assert.Contains("scope", error.Message);
        Assert.Contains("Google Calendar", error.Message);
        Assert.Single(harness.Credentials.NeedsReauthReasons);
    }

    [Fact]
    public async Task ExpiredToken_IsRefreshedOnce_AndTheCallSucceeds()
    {
        await using var harness = await CalendarHarness.StartAsync();
        harness.Time.Advance(TimeSpan.FromHours(2));

        var result = await harness.RunAsync("list_calendars", new JsonObject());

        Assert.Equal(3, result["calendars"]!.AsArray().Count);
        Assert.Equal(1, harness.Server.TokenRequestCount);
        Assert.NotEqual(harness.Grant.AccessToken, harness.Credentials.Current!.AccessToken);
    }

    [Fact]
    public async Task RevokedGrant_IsReconnectRequired_WithoutTheToken()
    {
        await using var harness = await CalendarHarness.StartAsync();
        harness.Server.RevokeGrant(harness.Grant.RefreshToken);
        harness.Time.Advance(TimeSpan.FromHours(2));

        var error = await Assert.ThrowsAsync<ReconnectRequiredException>(() => harness.RunAsync("list_calendars", new JsonObject()));

        Assert.Contains("invalid_grant", error.Message);
        Assert.Contains(CalendarHarness.ConnectorId, error.Message);
        Assert.DoesNotContain(harness.Grant.RefreshToken, error.Message);
        Assert.Single(harness.Credentials.NeedsReauthReasons);
        Assert.Equal(0, harness.ApiRequestCount);
    }
}
