namespace Connectors.Mcp.Core.Storage;

/// <summary>No signal: every wait lasts its whole timeout (pure polling, as one node on SQLite does).</summary>
public sealed class TimerStorageChangeSignal(TimeProvider time) : IStorageChangeSignal
{
    public Task WaitAsync(StorageChanges changes, TimeSpan timeout, CancellationToken cancellationToken) => Task.Delay(timeout, time, cancellationToken);
}
