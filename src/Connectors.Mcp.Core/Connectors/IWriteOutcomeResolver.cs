namespace Connectors.Mcp.Core.Connectors;

/// <summary>
/// Optional capability of an <see cref="IConnector"/>: after an ambiguous write (<see cref="Errors.AmbiguousOutcomeException"/>)
/// it asks the provider whether the write took effect, by the identity derived from
/// <see cref="ConnectorContext.IdempotencyKey"/> (Gmail: the Message-ID; Calendar: the event id). Never re-sends.
/// </summary>
public interface IWriteOutcomeResolver
{
    /// <summary>
    /// What became of <paramref name="request"/> (the one that ran):
    /// <see cref="WriteOutcome.Applied"/> with the result the action would have returned, <see cref="WriteOutcome.NotApplied"/>,
    /// or <c>null</c> when this action cannot be checked.
    /// </summary>
    Task<WriteOutcome?> ResolveAsync(ActionRequest request, CancellationToken cancellationToken);
}
