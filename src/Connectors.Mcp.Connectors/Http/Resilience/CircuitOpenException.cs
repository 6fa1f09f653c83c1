namespace Connectors.Mcp.Connectors.Http.Resilience;

/// <summary>A connector instance's circuit is open: the request was not sent. <see cref="OpenUntil"/> when known.</summary>
public sealed class CircuitOpenException(string connectorId, DateTimeOffset? openUntil, Exception inner)
    : Exception($"The circuit of connector {connectorId} is open.", inner)
{
    public string ConnectorId { get; } = connectorId;

    public DateTimeOffset? OpenUntil { get; } = openUntil;
}
