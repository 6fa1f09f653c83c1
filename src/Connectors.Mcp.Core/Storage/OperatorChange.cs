namespace Connectors.Mcp.Core.Storage;

/// <summary>
/// One operator change (<c>operator_changes</c>), written in the transaction that made it: who (<see cref="Actor"/>,
/// an <see cref="OperatorActor"/> name), when, what (<see cref="Action"/>, one of <see cref="OperatorActions"/>, on
/// <see cref="Target"/>), and the value before and after. <c>null</c> values mean "not set" (no policy override, no rule,
/// no key). Secrets never appear: API keys are named by a prefix of their SHA-256, admin tokens by id and name.
/// </summary>
public sealed record OperatorChange(
    long Id,
    DateTimeOffset At,
    string Actor,
    string? WorkspaceId,
    string? WorkspaceSlug,
    string Action,
    string? Target,
    string? OldValue,
    string? NewValue);
