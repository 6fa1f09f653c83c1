namespace Connectors.Mcp.Core.Storage;

/// <summary>How a call ended. <see cref="ErrorMessage"/> must not contain tokens or content.</summary>
public sealed record AuditCompletion(
    AuditStatus Status,
    DateTimeOffset FinishedAt,
    string? ErrorCode = null,
    string? ErrorMessage = null,
    string? ApprovalId = null,
    string? Decision = null);
