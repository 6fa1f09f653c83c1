using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Connectors.Mcp.Hosting.Admin;

/// <summary>
/// The one poller behind <c>GET /admin/api/events</c>: every <see cref="PollInterval"/>, and at once when the database
/// signals a change (<see cref="IStorageChangeSignal"/>: PostgreSQL's LISTEN/NOTIFY), it reads every workspace's
/// watermarks (<see cref="IWorkspaceWatermarks"/>) and, for each that moved since the last reading, sends an event to
/// every subscriber. Reading the database (not listening in-process) is what makes a change made by another process —
/// the CLI, another server — show up too. A slow subscriber's oldest events are dropped; a gone one is removed.
/// </summary>
public sealed partial class AdminEventFeed(IWorkspaceWatermarks watermarks, IStorageChangeSignal changes, TimeProvider time, ILogger<AdminEventFeed> logger) : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private const int SubscriberBuffer = 256;

    private readonly ConcurrentDictionary<Channel<AdminEvent>, byte> _subscribers = new(ReferenceEqualityComparer.Instance);
    private Dictionary<string, WorkspaceWatermark>? _last;

    public int SubscriberCount => _subscribers.Count;

    /// <summary>A new subscriber's channel; dispose the returned subscription to leave.</summary>
    public AdminEventSubscription Subscribe()
    {
        var channel = Channel.CreateBounded<AdminEvent>(new BoundedChannelOptions(SubscriberBuffer)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
            SingleWriter = true,
        });
        _subscribers.TryAdd(channel, 0);
        return new AdminEventSubscription(channel.Reader, () =>
        {
            _subscribers.TryRemove(channel, out _);
            channel.Writer.TryComplete();
        });
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                await PollAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPollFailed(ex);
            }

            // Every interval, and at once when the database signals a change made by any process or instance.
            await changes.WaitAsync(StorageChanges.All, PollInterval, stoppingToken);
        }
    }

    /// <summary>
    /// One reading: the first only records the baseline; later ones publish what moved. Without subscribers the
    /// database is not read; the first reading after someone subscribes compares with the last one taken, so at worst
    /// a new subscriber hears of an older change (and re-reads what it shows), never misses a new one.
    /// </summary>
    internal async Task PollAsync(CancellationToken cancellationToken)
    {
        if (_subscribers.IsEmpty && _last is not null)
        {
            return;
        }

        var marks = (await watermarks.ReadAsync(time.GetUtcNow(), cancellationToken)).ToDictionary(m => m.WorkspaceId, StringComparer.Ordinal);
        var last = _last;
        _last = marks;
        if (last is null)
        {
            return;
        }

        foreach (var mark in marks.Values)
        {
            var before = last.GetValueOrDefault(mark.WorkspaceId);
            if (before?.Approvals != mark.Approvals && !(before is null && mark.Approvals.Length == 0))
            {
                Publish(new AdminEvent(AdminEvent.Approvals, new JsonObject { ["workspace"] = mark.Slug }));
            }

            if (before?.Connectors != mark.Connectors && !(before is null && mark.Connectors.Length == 0))
            {
                Publish(new AdminEvent(AdminEvent.Connectors, new JsonObject { ["workspace"] = mark.Slug }));
            }

            if (mark.LastAuditId > (before?.LastAuditId ?? 0))
            {
                Publish(new AdminEvent(AdminEvent.Audit, new JsonObject { ["workspace"] = mark.Slug, ["last_id"] = mark.LastAuditId }));
            }
        }
    }

    private void Publish(AdminEvent adminEvent)
    {
        foreach (var channel in _subscribers.Keys)
        {
            channel.Writer.TryWrite(adminEvent);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the admin event watermarks failed; will retry.")]
    private partial void LogPollFailed(Exception exception);
}
