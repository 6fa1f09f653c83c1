namespace Connectors.Mcp.Core.Storage;

/// <summary>Life of an approval: pending → approved → running → succeeded | failed; or pending → denied | expired.</summary>
public enum ApprovalStatus
{
    Pending,
    Approved,

    /// <summary>Claimed by exactly one runner; reported to agents as <c>approved</c>.</summary>
    Running,
    Succeeded,
    Failed,
    Denied,
    Expired,
}
