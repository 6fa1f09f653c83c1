using System.Collections.Concurrent;

namespace Connectors.Mcp.Connectors.Http.Resilience;

/// <summary>
/// Until when each connector instance's circuit is open (in this process), written by the circuit breakers' callbacks.
/// One for every provider family: connector ids are unique across families.
/// </summary>
public sealed class ConnectorCircuitStates
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _openUntil = new(StringComparer.Ordinal);

    /// <summary>When the open circuit of <paramref name="connectorId"/> lets a trial call through; null when it is closed.</summary>
    public DateTimeOffset? OpenUntil(string connectorId) => _openUntil.TryGetValue(connectorId, out var until) ? until : null;

    internal void Opened(string connectorId, DateTimeOffset until) => _openUntil[connectorId] = until;

    internal void Closed(string connectorId) => _openUntil.TryRemove(connectorId, out _);
}
