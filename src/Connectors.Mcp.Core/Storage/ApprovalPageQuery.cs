namespace Connectors.Mcp.Core.Storage;

/// <summary>
/// One page of the approval queue, newest first (<c>created_at</c>, then id, descending), across every workspace or
/// one (<see cref="WorkspaceId"/>). <see cref="Status"/> filters on the status as reported (a pending approval past its
/// expiry counts as expired); <see cref="BeforeId"/> pages: only approvals that come after that one in this order.
/// </summary>
public sealed record ApprovalPageQuery
{
    public const int MaxLimit = 500;

    public string? WorkspaceId { get; init; }

    public ApprovalStatus? Status { get; init; }

    public string? BeforeId { get; init; }

    /// <summary>1 to <see cref="MaxLimit"/>.</summary>
    public int Limit { get; init; } = 100;
}
