using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Hosting.Admin;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Mcp.Tests.Admin;

public sealed class AdminEventFeedTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
    private readonly ScriptedWatermarks _marks = new();

    [Fact]
    public async Task Poll_FirstReadingIsTheBaseline_ThenEachMovedMarkIsOneEvent()
    {
        var feed = new AdminEventFeed(_marks, new TimerStorageChangeSignal(_time), _time, NullLogger<AdminEventFeed>.Instance);
        using var subscription = feed.Subscribe();
        _marks.Set(Mark("ws_a", "acme", "pending=1", "c1", 10), Mark("ws_b", "globex", "", "", 0));

        await feed.PollAsync(CancellationToken.None);
        Assert.False(subscription.Events.TryRead(out _));

        _marks.Set(Mark("ws_a", "acme", "pending=2", "c1", 12), Mark("ws_b", "globex", "", "c2", 0));
        await feed.PollAsync(CancellationToken.None);
        var events = Drain(subscription);

        Assert.Equal(
            ["approvals {\"workspace\":\"acme\"}", "audit {\"workspace\":\"acme\",\"last_id\":12}", "connectors {\"workspace\":\"globex\"}"],
            events.Select(e => $"{e.Name} {e.Data.ToJsonString()}").Order(StringComparer.Ordinal));

        await feed.PollAsync(CancellationToken.None);
        Assert.Empty(Drain(subscription));
    }

    [Fact]
    public async Task Poll_NewWorkspaceWithApprovals_IsAnnounced_ButAnEmptyOneIsNot()
    {
        var feed = new AdminEventFeed(_marks, new TimerStorageChangeSignal(_time), _time, NullLogger<AdminEventFeed>.Instance);
        using var subscription = feed.Subscribe();
        _marks.Set(Mark("ws_a", "acme", "", "", 0));
        await feed.PollAsync(CancellationToken.None);

        _marks.Set(Mark("ws_a", "acme", "", "", 0), Mark("ws_n", "new", "", "", 0));
        await feed.PollAsync(CancellationToken.None);
        Assert.Empty(Drain(subscription));

        _marks.Set(Mark("ws_a", "acme", "", "", 0), Mark("ws_n", "new", "pending=1", "", 3));
        await feed.PollAsync(CancellationToken.None);
        Assert.Equal(["approvals", "audit"], Drain(subscription).Select(e => e.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Subscription_Disposed_IsRemoved_AndWithoutSubscribersTheDatabaseIsNotRead()
    {
        var feed = new AdminEventFeed(_marks, new TimerStorageChangeSignal(_time), _time, NullLogger<AdminEventFeed>.Instance);
        _marks.Set(Mark("ws_a", "acme", "", "", 0));
        await feed.PollAsync(CancellationToken.None);
        var first = feed.Subscribe();
        var second = feed.Subscribe();

        first.Dispose();
        first.Dispose();
        _marks.Set(Mark("ws_a", "acme", "pending=1", "", 0));
        await feed.PollAsync(CancellationToken.None);

        Assert.Equal(1, feed.SubscriberCount);
        Assert.False(await first.Events.WaitToReadAsync());
        Assert.Single(Drain(second));

        second.Dispose();
        var reads = _marks.Reads;
        await feed.PollAsync(CancellationToken.None);
        Assert.Equal(0, feed.SubscriberCount);
        Assert.Equal(reads, _marks.Reads);
    }

    [Fact]
    public async Task Poll_PassesTheClocksNow_SoExpiryIsSeen()
    {
        var feed = new AdminEventFeed(_marks, new TimerStorageChangeSignal(_time), _time, NullLogger<AdminEventFeed>.Instance);
        using var subscription = feed.Subscribe();
        _time.Advance(TimeSpan.FromMinutes(5));

        await feed.PollAsync(CancellationToken.None);

        Assert.Equal(_time.GetUtcNow(), _marks.LastNow);
    }

    private static WorkspaceWatermark Mark(string id, string slug, string approvals, string connectors, long lastAuditId) =>
        new(id, slug, approvals, connectors, lastAuditId);

    private static List<AdminEvent> Drain(AdminEventSubscription subscription)
    {
        var events = new List<AdminEvent>();
        while (subscription.Events.TryRead(out var adminEvent))
        {
            events.Add(adminEvent);
        }

        return events;
    }

    private sealed class ScriptedWatermarks : IWorkspaceWatermarks
    {
        private IReadOnlyList<WorkspaceWatermark> _current = [];

        public int Reads { get; private set; }

        public DateTimeOffset? LastNow { get; private set; }

        public void Set(params WorkspaceWatermark[] marks) => _current = marks;

        public Task<IReadOnlyList<WorkspaceWatermark>> ReadAsync(DateTimeOffset now, CancellationToken cancellationToken)
        {
            Reads++;
            LastNow = now;
            return Task.FromResult(_current);
        }
    }
}
