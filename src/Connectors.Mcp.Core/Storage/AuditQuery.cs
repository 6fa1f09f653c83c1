namespace Connectors.Mcp.Core.Storage;

/// <summary>
/// A filtered read of one workspace's audit log, newest first: every filter that is set must match.
/// <see cref="Since"/> and <see cref="Until"/> bound <c>started_at</c> (since inclusive, until exclusive);
/// <see cref="BeforeId"/> pages (rows with a smaller id).
/// </summary>
public sealed record AuditQuery(string WorkspaceId)
{
    public const int MaxLimit = 1000;

    public string? ConnectorId { get; init; }

    public string? Tool { get; init; }

    public AuditStatus? Status { get; init; }

    public string? ApprovalId { get; init; }

    public DateTimeOffset? Since { get; init; }

    public DateTimeOffset? Until { get; init; }

    public long? BeforeId { get; init; }

    /// <summary>1 to <see cref="MaxLimit"/>.</summary>
    public int Limit { get; init; } = 100;
}
