namespace Connectors.Mcp.Core.Storage;

/// <summary>Status of an audit row (<c>connector_actions.status</c>).</summary>
public enum AuditStatus
{
    /// <summary>Intent committed, outcome not yet known (in flight, or the process died).</summary>
    Started,
    Succeeded,
    Failed,

    /// <summary>Refused before running: unknown tool, invalid arguments.</summary>
    Rejected,
    Denied,
    PendingApproval,
    RateLimited,
}
