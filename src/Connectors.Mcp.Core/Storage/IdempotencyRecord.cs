namespace Connectors.Mcp.Core.Storage;

/// <summary>
/// One idempotency key of a workspace. <see cref="Fingerprint"/> is the SHA-256 of the tool and its canonical arguments,
/// so reusing a key for a different call is detected. <see cref="ResultJson"/> is the first successful result (stored
/// encrypted). <see cref="ClaimId"/> identifies the run holding the claim.
/// </summary>
public sealed record IdempotencyRecord(
    string WorkspaceId,
    string Key,
    string Fingerprint,
    string Tool,
    IdempotencyStatus Status,
    string ClaimId,
    string? ResultJson,
    long? AuditRowId,
    DateTimeOffset CreatedAt,
    DateTimeOffset ClaimedAt,
    DateTimeOffset? CompletedAt,
    DateTimeOffset ExpiresAt);
