using Connectors.Mcp.Core.Credentials;

namespace Connectors.Mcp.Core.Storage;

/// <summary>
/// A connector added to a workspace (a row of <c>workspace_connectors</c>). <see cref="Status"/> decides whether its tools
/// are published; <see cref="CredentialState"/> says where its OAuth grant stands.
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
    CredentialState CredentialState = CredentialState.NeedsReauth);
