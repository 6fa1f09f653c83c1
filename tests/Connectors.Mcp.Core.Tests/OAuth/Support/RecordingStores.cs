using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Core.Storage;

namespace Connectors.Mcp.Core.Tests.OAuth.Support;

/// <summary>
/// The parts of the connector and credential stores the connect flow uses, in memory: connectors by id, OAuth clients by
/// provider, and every SaveTokensAsync recorded (which, like the real store, makes a needs_reauth connector active).
/// </summary>
internal sealed class RecordingStores : IConnectorStore, ICredentialStore
{
    private readonly Dictionary<string, ConnectorInstance> _connectors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OAuthClientCredentials> _clients = new(StringComparer.Ordinal);

    public List<(string WorkspaceId, string ConnectorId, OAuthTokens Tokens)> SavedTokens { get; } = [];

    public ConnectorInstance Add(ConnectorInstance connector)
    {
        _connectors[connector.Id] = connector;
        return connector;
    }

    public Task<ConnectorInstance?> FindAsync(string connectorId, CancellationToken cancellationToken) =>
        Task.FromResult(_connectors.GetValueOrDefault(connectorId));

    public Task<ConnectorInstance> SetEnabledAsync(string connectorId, bool enabled, CancellationToken cancellationToken)
    {
        var updated = _connectors[connectorId] with { Status = enabled ? ConnectorStatus.Active : ConnectorStatus.Disabled };
        _connectors[connectorId] = updated;
        return Task.FromResult(updated);
    }

    public Task RemoveAsync(string connectorId, CancellationToken cancellationToken)
    {
        _connectors.Remove(connectorId);
        return Task.CompletedTask;
    }

    public Task SaveTokensAsync(string workspaceId, string connectorId, OAuthTokens tokens, CancellationToken cancellationToken)
    {
        SavedTokens.Add((workspaceId, connectorId, tokens));
        _connectors[connectorId] = _connectors[connectorId] with { CredentialState = CredentialState.Active };
        if (_connectors[connectorId].Status == ConnectorStatus.NeedsReauth)
        {
            _connectors[connectorId] = _connectors[connectorId] with { Status = ConnectorStatus.Active };
        }

        return Task.CompletedTask;
    }

    public Task SetOAuthClientAsync(OAuthClientCredentials client, CancellationToken cancellationToken)
    {
        _clients[client.Provider] = client;
        return Task.CompletedTask;
    }

    public Task<OAuthClientCredentials?> GetOAuthClientAsync(string provider, CancellationToken cancellationToken) =>
        Task.FromResult(_clients.GetValueOrDefault(provider));

    // Not used by the connect flow.
    public Task UpsertDefinitionsAsync(IReadOnlyList<ConnectorDefinitionRecord> definitions, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<ConnectorDefinitionRecord>> ListDefinitionsAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<ConnectorInstance>> GetWorkspaceConnectorsAsync(string workspaceId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> CanAddConnectorAsync(string workspaceId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<ConnectorInstance> AddAsync(string workspaceId, string type, string name, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task UpdateSettingsAsync(string connectorId, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task UpdateConnectorSyncAsync(string connectorId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<ConnectorStatus> RecordConnectorErrorAsync(string connectorId, string error, int errorThreshold, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task MarkNeedsReauthAsync(string connectorId, string reason, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<ConnectorInstance> SetPublishedActionsAsync(string connectorId, IReadOnlyList<string>? actions, OperatorActor actor, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<OAuthTokens?> GetTokensAsync(string workspaceId, string connectorId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task DeleteTokensAsync(string connectorId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<StoredCredential?> GetStoredCredentialAsync(string workspaceId, string connectorId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<RefreshLeaseResult> TryAcquireRefreshLeaseAsync(string workspaceId, string connectorId, long fromVersion, string owner, TimeSpan duration, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<StoredCredential?> SaveRefreshedTokensAsync(string workspaceId, string connectorId, OAuthTokens tokens, long fromVersion, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<DateTimeOffset> RecordRefreshFailureAsync(string workspaceId, string connectorId, string owner, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task ReleaseRefreshLeaseAsync(string workspaceId, string connectorId, string owner, CancellationToken cancellationToken) => throw new NotSupportedException();
}
