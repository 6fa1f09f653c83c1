namespace Connectors.Mcp.Connectors.Idempotency;

/// <summary>
/// Marks a request sent with POST that only reads (freeBusy.query): its failures are plain errors, never an ambiguous
/// write outcome.
/// </summary>
public interface IReadOnlyRequest;
