using System.Collections.Concurrent;

namespace Connectors.Mcp.Sandbox.Google;

/// <summary>Counts requests per endpoint and holds the one-shot faults queued for them.</summary>
internal sealed class RequestLedger
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<FakeFault>> _faults = new(StringComparer.Ordinal);

    private int _abandoned;

    public int Count(string endpoint) => _counts.GetValueOrDefault(endpoint);

    /// <summary>Slow-faulted requests the client gave up on (disconnected) before the fake applied them.</summary>
    public int Abandoned => Volatile.Read(ref _abandoned);

    public void RecordAbandoned() => Interlocked.Increment(ref _abandoned);

    public int Total => _counts.Values.Sum();

    public void Record(string endpoint) => _counts.AddOrUpdate(endpoint, 1, (_, n) => n + 1);

    public void Enqueue(string endpoint, FakeFault fault) => _faults.GetOrAdd(endpoint, _ => new ConcurrentQueue<FakeFault>()).Enqueue(fault);

    public FakeFault? TakeFault(string endpoint) =>
        _faults.TryGetValue(endpoint, out var queue) && queue.TryDequeue(out var fault) ? fault : null;
}
