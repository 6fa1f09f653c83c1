namespace Connectors.Mcp.Core.Storage;

/// <summary>A connector added to a workspace (a row of <c>workspace_connectors</c>).</summary>
public sealed record ConnectorInstance(
    string Id,
    string WorkspaceId,
    string Name,
    string Type,
    ConnectorStatus Status,
    IReadOnlyDictionary<string, string> Settings,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastSyncAt,
    string? LastError,
    int ConsecutiveFailures);
