namespace Connectors.Mcp.Core.Storage;

/// <summary>
/// A read of the operator audit log, newest first. <see cref="WorkspaceId"/> keeps one workspace's changes (admin token
/// changes belong to no workspace and are left out); <see cref="BeforeId"/> pages (rows with a smaller id).
/// </summary>
public sealed record OperatorAuditQuery
{
    public const int MaxLimit = 1000;

    public string? WorkspaceId { get; init; }

    public long? BeforeId { get; init; }

    /// <summary>1 to <see cref="MaxLimit"/>.</summary>
    public int Limit { get; init; } = 100;
}
