namespace Connectors.Mcp.Core.Storage;

/// <summary>
/// The approval queue. Reads report a pending approval past its expiry as <see cref="ApprovalStatus.Expired"/> (and
/// persist that). Every transition is a compare-and-set in an immediate transaction, so an approved action is claimed
/// by exactly one runner however many processes ask.
/// </summary>
public interface IApprovalStore
{
    Task<ApprovalRecord> CreateAsync(NewApproval approval, CancellationToken cancellationToken);

    Task<ApprovalRecord?> FindAsync(string approvalId, CancellationToken cancellationToken);

    /// <summary>A still-pending approval for the same tool and exact arguments, so a repeated call does not queue twice.</summary>
    Task<ApprovalRecord?> FindPendingAsync(string workspaceId, string tool, string argumentsHash, CancellationToken cancellationToken);

    /// <summary>The workspace's approvals, newest first; <paramref name="status"/> filters when given.</summary>
    Task<IReadOnlyList<ApprovalRecord>> ListAsync(string workspaceId, ApprovalStatus? status, CancellationToken cancellationToken);

    /// <summary>pending → approved | denied.</summary>
    /// <exception cref="EntityNotFoundException">Unknown id.</exception>
    /// <exception cref="InvalidStateException">Not pending (already decided, or expired).</exception>
    Task<ApprovalRecord> DecideAsync(string approvalId, bool approve, string decidedBy, string? reason, CancellationToken cancellationToken);

    /// <summary>approved → running. True for exactly one caller.</summary>
    Task<bool> TryClaimAsync(string approvalId, CancellationToken cancellationToken);

    /// <summary>running → succeeded | failed, with the structured result or the error message.</summary>
    Task CompleteAsync(string approvalId, bool succeeded, string? resultJson, string? error, CancellationToken cancellationToken);

    /// <summary>One page of approvals (<see cref="ApprovalPageQuery"/>), newest first, with the id to ask the next page from.</summary>
    Task<ApprovalPage> ListPageAsync(ApprovalPageQuery query, CancellationToken cancellationToken);

    /// <summary>How many approvals each workspace (by id) has in <paramref name="status"/> as reported (all when null); workspaces with none are absent.</summary>
    Task<IReadOnlyDictionary<string, int>> CountByWorkspaceAsync(ApprovalStatus? status, CancellationToken cancellationToken);
}
