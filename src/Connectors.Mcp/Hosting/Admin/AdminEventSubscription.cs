using System.Threading.Channels;

namespace Connectors.Mcp.Hosting.Admin;

/// <summary>One subscriber of <see cref="AdminEventFeed"/>: read <see cref="Events"/>; dispose to leave the feed.</summary>
public sealed class AdminEventSubscription(ChannelReader<AdminEvent> events, Action leave) : IDisposable
{
    private int _left;

    public ChannelReader<AdminEvent> Events { get; } = events;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _left, 1) == 0)
        {
            leave();
        }
    }
}
