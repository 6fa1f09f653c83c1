using System.Collections.Concurrent;

namespace Connectors.Mcp.Sandbox.Google;

/// <summary>Counts requests per endpoint and holds the one-shot faults queued for them.</summary>
internal sealed class RequestLedger
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<FakeFault>> _faults = new(StringComparer.Ordinal);

    public int Count(string endpoint) => _counts.GetValueOrDefault(endpoint);

    public int Total => _counts.Values.Sum();

    public void Record(string endpoint) => _counts.AddOrUpdate(endpoint, 1, (_, n) => n + 1);

    public void Enqueue(string endpoint, FakeFault fault) => _faults.GetOrAdd(endpoint, _ => new ConcurrentQueue<FakeFault>()).Enqueue(fault);

    public FakeFault? TakeFault(string endpoint) =>
        _faults.TryGetValue(endpoint, out var queue) && queue.TryDequeue(out var fault) ? fault : null;
}
