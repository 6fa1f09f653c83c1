namespace Connectors.Mcp.Core.Storage;

/// <summary>
/// What operators changed: policies, rules, domains, limits, API keys, admin tokens. The stores that make those changes
/// write the record in the same transaction as the change (their write methods take the <see cref="OperatorActor"/>),
/// so neither exists without the other; this is the read side. Records are never updated or deleted.
/// </summary>
public interface IOperatorAuditLog
{
    /// <summary>The records matching <paramref name="query"/>, newest first.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The limit is below 1 or above <see cref="OperatorAuditQuery.MaxLimit"/>.</exception>
    Task<IReadOnlyList<OperatorChange>> QueryAsync(OperatorAuditQuery query, CancellationToken cancellationToken);
}
