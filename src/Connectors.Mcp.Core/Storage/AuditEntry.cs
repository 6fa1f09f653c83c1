namespace Connectors.Mcp.Core.Storage;

/// <summary>A row of <c>connector_actions</c>. <see cref="Sequence"/> and <see cref="Hash"/> are set once the row is final.</summary>
public sealed record AuditEntry(
    long Id,
    string WorkspaceId,
    string? ConnectorId,
    string Tool,
    string? Action,
    AuditStatus Status,
    string? ErrorCode,
    string? ErrorMessage,
    string ArgumentsJson,
    string? ArgumentsHash,
    string? ApprovalId,
    string? Decision,
    string? Caller,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    long? Sequence,
    string? PreviousHash,
    string? Hash);
