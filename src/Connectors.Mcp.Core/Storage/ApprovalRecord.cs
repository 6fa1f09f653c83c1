namespace Connectors.Mcp.Core.Storage;

/// <summary>
/// A queued call waiting for (or past) a person's decision. <see cref="ArgumentsJson"/> is the exact validated argument
/// object (stored encrypted); <see cref="ArgumentsHash"/> is its SHA-256, which binds the decision to those arguments.
/// </summary>
public sealed record ApprovalRecord(
    string Id,
    string WorkspaceId,
    string ConnectorId,
    string Tool,
    string Action,
    string ArgumentsJson,
    string ArgumentsHash,
    string Summary,
    ApprovalStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? DecidedAt,
    string? DecidedBy,
    string? Reason,
    string? ResultJson,
    string? Error)
{
    /// <summary>While <see cref="ApprovalStatus.Running"/>: when the claim lapses unless its run has finished.</summary>
    public DateTimeOffset? LeaseUntil { get; init; }

    public override string ToString() => $"ApprovalRecord {{ Id = {Id}, Tool = {Tool}, Status = {Status} }}";
}
