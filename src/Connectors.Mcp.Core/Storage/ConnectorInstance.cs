using Connectors.Mcp.Core.Credentials;

namespace Connectors.Mcp.Core.Storage;

/// <summary>
/// A connector added to a workspace (a row of <c>workspace_connectors</c>). <see cref="Status"/> decides whether its tools
/// are published; <see cref="CredentialState"/> says where its OAuth grant stands; <see cref="PublishedActions"/> which of its
/// type's actions become tools (<c>null</c>: all of them).
/// </summary>
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
    int ConsecutiveFailures,
    CredentialState CredentialState = CredentialState.NeedsReauth,
    IReadOnlyList<string>? PublishedActions = null)
{
    /// <summary>Whether the action (by its name in the connector type) is one of this connector's tools.</summary>
    public bool Publishes(string actionName) => PublishedActions is null || PublishedActions.Contains(actionName, StringComparer.Ordinal);
}
