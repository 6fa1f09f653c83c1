namespace Connectors.Mcp.Core.Storage;

/// <summary>
/// The answer to a claim: <see cref="Claimed"/> when this caller now holds the key (<see cref="Record"/> is its new
/// claim; <see cref="TookOverStaleClaim"/> when it replaced a running claim older than the stale timeout, whose process
/// probably died mid-call), otherwise the record already there (running or succeeded) for the caller to compare.
/// </summary>
public sealed record IdempotencyClaim(bool Claimed, IdempotencyRecord Record, bool TookOverStaleClaim = false);
