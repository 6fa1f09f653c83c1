namespace Connectors.Mcp.Core.Storage;

/// <summary>
/// Cheap fingerprints of a workspace's changing state: when <see cref="Approvals"/> differs from the last reading, an
/// approval was created, decided, completed or expired; <see cref="Connectors"/>, a connector's status, credential state,
/// last sync or last error changed; <see cref="LastAuditId"/>, audit rows were appended.
/// </summary>
public sealed record WorkspaceWatermark(string WorkspaceId, string Slug, string Approvals, string Connectors, long LastAuditId);
