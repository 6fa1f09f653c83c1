namespace Connectors.Mcp.Core.Storage;

/// <summary>
/// What is about to happen, written before any upstream side effect. <see cref="ArgumentsJson"/> is already redacted:
/// content values replaced by <c>{"length": n, "sha256": "…"}</c>.
/// </summary>
public sealed record AuditIntent(
    string WorkspaceId,
    string? ConnectorId,
    string Tool,
    string? Action,
    string ArgumentsJson,
    string? ArgumentsHash,
    string? ApprovalId,
    string? Caller,
    DateTimeOffset StartedAt);
