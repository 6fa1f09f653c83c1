namespace Connectors.Mcp.Google.Idempotency;

/// <summary>
/// Marks a request sent with POST that only reads (freeBusy.query): its failures are plain errors, never an ambiguous
/// write outcome.
/// </summary>
internal interface IReadOnlyRequest;
