using System.Collections.Concurrent;

namespace Connectors.Mcp.Sandbox.Microsoft;

/// <summary>Counts requests per endpoint and holds the queued one-shot faults.</summary>
internal sealed class FakeMicrosoftLedger
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<FakeGraphFault>> _faults = new(StringComparer.Ordinal);

    public void Record(string endpoint) => _counts.AddOrUpdate(endpoint, 1, (_, n) => n + 1);

    public int Count(string endpoint) => _counts.TryGetValue(endpoint, out var n) ? n : 0;

    public void Enqueue(string endpoint, FakeGraphFault fault) => _faults.GetOrAdd(endpoint, _ => new()).Enqueue(fault);

    public FakeGraphFault? TakeFault(string endpoint) =>
        _faults.TryGetValue(endpoint, out var queue) && queue.TryDequeue(out var fault) ? fault : null;
}
