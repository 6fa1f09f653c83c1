namespace Connectors.Mcp.Core.Storage;

/// <summary>
/// Durable idempotency records per (workspace, key) (<c>idempotency_keys</c>). Each write is one immediate transaction,
/// so of two concurrent claims exactly one wins, across threads and processes. Records expire
/// <c>lifetime</c> after they were created and are purged lazily by later claims.
/// </summary>
public interface IIdempotencyStore
{
    /// <summary>
    /// Claims the key for a run, or returns the live record already holding it. A running claim older than
    /// <paramref name="staleAfter"/> is taken over (<see cref="IdempotencyClaim.TookOverStaleClaim"/>).
    /// </summary>
    Task<IdempotencyClaim> ClaimAsync(string workspaceId, string key, string fingerprint, string tool, TimeSpan lifetime, TimeSpan staleAfter, CancellationToken cancellationToken);

    /// <summary>The live (unexpired) record for the key, or <c>null</c>.</summary>
    Task<IdempotencyRecord?> FindAsync(string workspaceId, string key, CancellationToken cancellationToken);

    /// <summary>Records the first successful outcome under the claim; <c>false</c> when the claim is no longer held.</summary>
    Task<bool> CompleteAsync(string workspaceId, string key, string claimId, string resultJson, long? auditRowId, CancellationToken cancellationToken);

    /// <summary>Gives the key up after a failure that did not take effect, so a retry with it runs again.</summary>
    Task ReleaseAsync(string workspaceId, string key, string claimId, CancellationToken cancellationToken);
}
