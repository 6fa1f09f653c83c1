namespace Connectors.Mcp.Core.Storage;

/// <summary>
/// The approval queue. Reads report a pending or approved (never run) approval past its expiry as
/// <see cref="ApprovalStatus.Expired"/> (and persist that). Every transition is a compare-and-set in an immediate
/// transaction, so an approved action is claimed by exactly one runner however many processes ask. A claim has an
/// owner (this process) and a lease (<see cref="ApprovalLease"/>); every read and decision first settles a claim whose
/// owner is gone or whose lease is over (see <see cref="SettleInterruptedAsync"/>), so nothing stays running for ever.
/// </summary>
public interface IApprovalStore
{
    Task<ApprovalRecord> CreateAsync(NewApproval approval, CancellationToken cancellationToken);

    Task<ApprovalRecord?> FindAsync(string approvalId, CancellationToken cancellationToken);

    /// <summary>A still-pending approval for the same tool and exact arguments, so a repeated call does not queue twice.</summary>
    Task<ApprovalRecord?> FindPendingAsync(string workspaceId, string tool, string argumentsHash, CancellationToken cancellationToken);

    /// <summary>The workspace's approvals, newest first; <paramref name="status"/> filters when given.</summary>
    Task<IReadOnlyList<ApprovalRecord>> ListAsync(string workspaceId, ApprovalStatus? status, CancellationToken cancellationToken);

    /// <summary>pending → approved | denied; approved (not yet run) → denied.</summary>
    /// <exception cref="EntityNotFoundException">Unknown id.</exception>
    /// <exception cref="InvalidStateException">Not pending (already decided, running, finished, or expired).</exception>
    Task<ApprovalRecord> DecideAsync(string approvalId, bool approve, string decidedBy, string? reason, CancellationToken cancellationToken);

    /// <summary>
    /// approved (and not expired) → running, owned by this process for <see cref="ApprovalLease.Duration"/>. True for
    /// exactly one caller. <paramref name="idempotencyKey"/>: the key the run will claim, if it is a write; should the
    /// claim go back to approved, a running claim of that key is made stale so the next run can take it over.
    /// </summary>
    Task<bool> TryClaimAsync(string approvalId, string? idempotencyKey, CancellationToken cancellationToken);

    /// <summary>approved (and not expired) → running, without an idempotency key.</summary>
    Task<bool> TryClaimAsync(string approvalId, CancellationToken cancellationToken) => TryClaimAsync(approvalId, null, cancellationToken);

    /// <summary>running → succeeded | failed, with the structured result or the error message.</summary>
    /// <exception cref="InvalidStateException">Not running (never claimed, or its claim was settled as interrupted meanwhile).</exception>
    Task CompleteAsync(string approvalId, bool succeeded, string? resultJson, string? error, CancellationToken cancellationToken);

    /// <summary>
    /// This process's run of a claimed approval ended without an outcome to record (it threw): settles the claim at once
    /// as if its owner were gone. True when the approval was still claimed by this process.
    /// </summary>
    Task<bool> ReleaseClaimAsync(string approvalId, CancellationToken cancellationToken);

    /// <summary>
    /// Settles every running approval (of one workspace, or all when <paramref name="workspaceId"/> is null) whose owning
    /// process is gone (no such process, pid reused, zombie) or whose lease is over: <see cref="ApprovalStatus.Failed"/>
    /// with <see cref="ApprovalLease.InterruptedError"/> when a row of its run is in the audit log (the action may have
    /// reached the provider; a started row of a gone owner is completed as interrupted too), or back to
    /// <see cref="ApprovalStatus.Approved"/> when the owner is gone and no such row exists (provably nothing was sent).
    /// A lapsed lease of an owner still alive never goes back to approved (it might still act): it fails. Returns the
    /// settled approvals as they are now.
    /// </summary>
    Task<IReadOnlyList<ApprovalRecord>> SettleInterruptedAsync(string? workspaceId, CancellationToken cancellationToken);

    /// <summary>One page of approvals (<see cref="ApprovalPageQuery"/>), newest first, with the id to ask the next page from.</summary>
    Task<ApprovalPage> ListPageAsync(ApprovalPageQuery query, CancellationToken cancellationToken);

    /// <summary>How many approvals each workspace (by id) has in <paramref name="status"/> as reported (all when null); workspaces with none are absent.</summary>
    Task<IReadOnlyDictionary<string, int>> CountByWorkspaceAsync(ApprovalStatus? status, CancellationToken cancellationToken);
}
