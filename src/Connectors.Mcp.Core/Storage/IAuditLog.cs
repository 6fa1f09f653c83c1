namespace Connectors.Mcp.Core.Storage;

/// <summary>
/// The audit log (<c>connector_actions</c>). Final rows are hash-chained per workspace in the order they became final:
/// hash = SHA-256(previous hash ‖ canonical row). A chain head per workspace is kept too, so deleting the newest row is
/// detected as well as editing or deleting any other.
/// </summary>
public interface IAuditLog
{
    /// <summary>Commits an intent row (status started) and returns its id. Called before any upstream side effect.</summary>
    Task<long> BeginAsync(AuditIntent intent, CancellationToken cancellationToken);

    /// <summary>Makes a started row final and chains it.</summary>
    Task CompleteAsync(long rowId, AuditCompletion completion, CancellationToken cancellationToken);

    /// <summary>Writes a row that is final at once (rejected, denied, rate limited, pending approval) and chains it.</summary>
    Task<long> RecordAsync(AuditIntent intent, AuditCompletion completion, CancellationToken cancellationToken);

    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<AuditEntry>> ListAsync(string workspaceId, int limit, CancellationToken cancellationToken);

    /// <summary>The rows of <see cref="AuditQuery.WorkspaceId"/> matching the query, newest first, at most its limit.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The limit is outside 1 to <see cref="AuditQuery.MaxLimit"/>.</exception>
    Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken);

    Task<AuditVerification> VerifyAsync(string workspaceId, CancellationToken cancellationToken);
}
