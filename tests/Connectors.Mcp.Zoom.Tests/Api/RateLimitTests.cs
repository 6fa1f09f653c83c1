using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Sandbox.Zoom;
using Connectors.Mcp.Zoom.Meetings.Actions;
using Connectors.Mcp.Zoom.Tests.TestSupport;

namespace Connectors.Mcp.Zoom.Tests.Api;

/// <summary>Zoom's 429s against the fake: per-second limits on reads honoured, the daily create/update limit never retried.</summary>
public sealed class RateLimitTests
{
    private static JsonObject Meeting(int i) => new() { ["topic"] = $"Sync {i}", ["start_time"] = "2026-12-03T16:00:00Z" };

    [Theory]
    [InlineData(FakeZoomRetryAfterFormat.None, false)]
    [InlineData(FakeZoomRetryAfterFormat.None, true)]
    [InlineData(FakeZoomRetryAfterFormat.HttpDate, true)]
    [InlineData(FakeZoomRetryAfterFormat.IsoTime, false)]
    public async Task DailyLimit_IsNotRetried_AndTellsTheAgentWhenItResets(FakeZoomRetryAfterFormat retryAfter, bool sendsType)
    {
        await using var harness = await ZoomHarness.StartAsync(time => new FakeZoomServerOptions
        {
            Time = time,
            DailyCreateUpdateLimit = 2,
            DailyLimitRetryAfter = retryAfter,
            DailyLimitSendsRateLimitType = sendsType,
            SeedMeetings = false,
        });
        harness.Time.SetUtcNow(new DateTimeOffset(2026, 12, 1, 21, 30, 0, TimeSpan.Zero));
        await harness.RunAsync(CreateMeetingAction.Name, Meeting(1), "k1");
        await harness.RunAsync(CreateMeetingAction.Name, Meeting(2), "k2");

        var error = await Assert.ThrowsAsync<RateLimitedException>(() => harness.RunAsync(CreateMeetingAction.Name, Meeting(3), "k3"));

        Assert.Equal(TimeSpan.FromHours(2.5), error.RetryAfter);
        Assert.Contains("2026-12-02T00:00:00Z", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, harness.Server.RequestCount(FakeZoomEndpoint.CreateMeeting)); // the third was sent once, not retried
        Assert.Equal(2, harness.Server.MeetingsCreated);
    }

    [Fact]
    public async Task ShortPerSecondLimit_OnARead_IsWaitedOutByThePipeline()
    {
        await using var harness = await ZoomHarness.StartAsync();
        harness.Server.ThrottleNext(1, TimeSpan.FromSeconds(1), FakeZoomEndpoint.ListMeetings);

        var page = await harness.RunAsync(ListMeetingsAction.Name, []);

        Assert.NotEmpty(page["meetings"]!.AsArray());
        Assert.Equal(2, harness.Server.RequestCount(FakeZoomEndpoint.ListMeetings));
    }

    [Fact]
    public async Task LongPerSecondLimit_OnARead_GoesToTheAgentWithItsRetryAfter()
    {
        await using var harness = await ZoomHarness.StartAsync();
        harness.Server.ThrottleNext(5, TimeSpan.FromSeconds(30), FakeZoomEndpoint.ListMeetings);

        var error = await Assert.ThrowsAsync<RateLimitedException>(() => harness.RunAsync(ListMeetingsAction.Name, []));

        Assert.Equal(TimeSpan.FromSeconds(30), error.RetryAfter);
        Assert.Equal(1, harness.Server.RequestCount(FakeZoomEndpoint.ListMeetings));
    }

    [Fact]
    public async Task PerSecondLimit_OnACreate_IsNotRetried()
    {
        await using var harness = await ZoomHarness.StartAsync();
        harness.Server.ThrottleNext(1, TimeSpan.FromSeconds(1), FakeZoomEndpoint.CreateMeeting);

        await Assert.ThrowsAsync<RateLimitedException>(() => harness.RunAsync(CreateMeetingAction.Name, Meeting(1), "k1"));

        Assert.Equal(1, harness.Server.RequestCount(FakeZoomEndpoint.CreateMeeting));
        Assert.Equal(0, harness.Server.MeetingsCreated);
    }
}
