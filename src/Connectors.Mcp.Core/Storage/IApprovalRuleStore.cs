namespace Connectors.Mcp.Core.Storage;

/// <summary>
/// Per-workspace approval rules, kept in order. Every change bumps the workspace's catalog version in the same
/// transaction, so running servers evaluate the new rules on their next call, and is recorded for its
/// <see cref="OperatorActor"/> in <see cref="IOperatorAuditLog"/> in that transaction too.
/// </summary>
public interface IApprovalRuleStore
{
    /// <summary>Inserts the rule at its position (later rules move down) or appends it.</summary>
    /// <exception cref="EntityNotFoundException">Unknown workspace.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Position below 1 or past the end + 1.</exception>
    Task<ApprovalRule> AddAsync(NewApprovalRule rule, OperatorActor actor, CancellationToken cancellationToken);

    /// <summary>The workspace's rules by position.</summary>
    Task<IReadOnlyList<ApprovalRule>> ListAsync(string workspaceId, CancellationToken cancellationToken);

    /// <summary>Removes a rule of that workspace (later rules move up); <c>false</c> when it has no such rule.</summary>
    Task<bool> RemoveAsync(string workspaceId, string ruleId, OperatorActor actor, CancellationToken cancellationToken);
}
