namespace Connectors.Mcp.Core.Storage.Persistence;

/// <summary>
/// The fields of a <c>connector_actions</c> row that its hash covers, exactly as stored (timestamps as their text), so
/// the hash is computed from what the database holds and can be recomputed from it.
/// </summary>
public sealed record AuditRowContent(
    long Id,
    string WorkspaceId,
    string? ConnectorId,
    string Tool,
    string? Action,
    string Status,
    string? ErrorCode,
    string? ErrorMessage,
    string ArgumentsJson,
    string? ArgumentsHash,
    string? ApprovalId,
    string? Decision,
    string? Caller,
    string StartedAt,
    string? FinishedAt,
    long? DurationMs,
    long? Sequence);
