namespace Connectors.Mcp.Core.Storage;

/// <summary>
/// Wakes the pollers that turn stored changes into notifications (tools/list_changed, the console's live events) as soon
/// as the database says something changed, whichever process or instance changed it. The pollers still read the
/// database to see WHAT changed; this only says WHEN to look, so a missed or spurious signal costs at most one poll
/// interval or one extra read. One node on SQLite has no such signal (<see cref="TimerStorageChangeSignal"/>: every
/// interval); PostgreSQL has LISTEN/NOTIFY.
/// </summary>
public interface IStorageChangeSignal
{
    /// <summary>
    /// Completes when <paramref name="changes"/> may have changed, or when <paramref name="timeout"/> has passed,
    /// whichever is first. A poller names only what it reads, so (say) every queued approval does not wake the
    /// tools/list_changed pollers.
    /// </summary>
    Task WaitAsync(StorageChanges changes, TimeSpan timeout, CancellationToken cancellationToken);
}
