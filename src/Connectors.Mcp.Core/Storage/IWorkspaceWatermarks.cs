namespace Connectors.Mcp.Core.Storage;

/// <summary>
/// Reads every workspace's <see cref="WorkspaceWatermark"/> in one snapshot, so a poller sees changes made by any
/// process on the same database (a CLI command, another server).
/// </summary>
public interface IWorkspaceWatermarks
{
    /// <param name="now">Pending approvals whose expiry is at or before this instant count as expired.</param>
    Task<IReadOnlyList<WorkspaceWatermark>> ReadAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
