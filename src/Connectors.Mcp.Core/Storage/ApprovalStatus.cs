namespace Connectors.Mcp.Core.Storage;

/// <summary>
/// Life of an approval: pending → approved → running → succeeded | failed; pending → denied | expired; approved (never
/// run) → denied | expired; running → approved again when its process died before its run left any audit row.
/// </summary>
public enum ApprovalStatus
{
    Pending,
    Approved,

    /// <summary>Claimed by exactly one runner, under a lease; reported to agents as <c>approved</c>.</summary>
    Running,
    Succeeded,
    Failed,
    Denied,
    Expired,
}
