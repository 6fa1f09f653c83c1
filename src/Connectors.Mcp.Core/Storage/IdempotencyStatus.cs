namespace Connectors.Mcp.Core.Storage;

/// <summary>Status of an idempotency record (<c>idempotency_keys.status</c>).</summary>
public enum IdempotencyStatus
{
    /// <summary>Claimed: a call with this key is running (or its process died; see the stale claim timeout).</summary>
    Running,

    /// <summary>The call succeeded; its result is replayed to repeats until the record expires.</summary>
    Succeeded,
}
