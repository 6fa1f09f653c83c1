namespace Connectors.Mcp.Core.Storage;

/// <summary>Workspace connectors and connector definitions: the seed's database functions as methods.</summary>
public interface IConnectorStore
{
    /// <summary>Writes the registry's connector types into <c>connector_definitions</c> (insert or update).</summary>
    Task UpsertDefinitionsAsync(IReadOnlyList<ConnectorDefinitionRecord> definitions, CancellationToken cancellationToken);

    Task<IReadOnlyList<ConnectorDefinitionRecord>> ListDefinitionsAsync(CancellationToken cancellationToken);

    /// <summary>get_workspace_connectors: every connector of the workspace, in creation order, whatever its status.</summary>
    Task<IReadOnlyList<ConnectorInstance>> GetWorkspaceConnectorsAsync(string workspaceId, CancellationToken cancellationToken);

    Task<ConnectorInstance?> FindAsync(string connectorId, CancellationToken cancellationToken);

    /// <summary>can_add_connector: whether the plan allows one more connector.</summary>
    Task<bool> CanAddConnectorAsync(string workspaceId, CancellationToken cancellationToken);

    /// <summary>
    /// Adds a connector in status <see cref="ConnectorStatus.NeedsReauth"/> (it has no credentials yet). The plan limit and
    /// name uniqueness are checked in the same immediate transaction as the insert.
    /// </summary>
    /// <exception cref="PlanLimitException">The plan's connector limit is reached.</exception>
    /// <exception cref="ConflictException">The workspace already has a connector with that name.</exception>
    /// <exception cref="EntityNotFoundException">Unknown workspace or connector type.</exception>
    Task<ConnectorInstance> AddAsync(string workspaceId, string type, string name, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken);

    /// <summary>Replaces the connector's settings (endpoint overrides); the next call uses them.</summary>
    /// <exception cref="EntityNotFoundException">Unknown connector.</exception>
    Task UpdateSettingsAsync(string connectorId, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken);

    /// <summary>Enable (→ active, or needs_reauth when it has no credentials) or disable; bumps the catalog version.</summary>
    Task<ConnectorInstance> SetEnabledAsync(string connectorId, bool enabled, CancellationToken cancellationToken);

    /// <summary>
    /// Publishes only these actions of the connector's type as its tools (<c>null</c>: all of them, also actions a later
    /// build adds). In one transaction: checks the names against the type's actions, stores them (deduplicated, in the
    /// type's order), bumps the catalog version (live sessions get tools/list_changed) and records the change in the
    /// operator audit log. An empty list is refused: <c>connector disable</c> is how a connector's tools are all hidden.
    /// </summary>
    /// <exception cref="ArgumentException">An empty list, or a name that is not one of the type's actions (the message lists them).</exception>
    /// <exception cref="EntityNotFoundException">Unknown connector.</exception>
    Task<ConnectorInstance> SetPublishedActionsAsync(string connectorId, IReadOnlyList<string>? actions, OperatorActor actor, CancellationToken cancellationToken);

    /// <summary>Deletes the connector and its credentials (its audit rows stay); bumps the catalog version.</summary>
    Task RemoveAsync(string connectorId, CancellationToken cancellationToken);

    /// <summary>update_connector_sync: a call succeeded — set last_sync_at, clear the failure count and last error, error → active.</summary>
    Task UpdateConnectorSyncAsync(string connectorId, CancellationToken cancellationToken);

    /// <summary>
    /// record_connector_error: count a consecutive failure and keep its message; at
    /// <paramref name="errorThreshold"/> consecutive failures the connector goes to <see cref="ConnectorStatus.Error"/>.
    /// Returns the status after the update.
    /// </summary>
    Task<ConnectorStatus> RecordConnectorErrorAsync(string connectorId, string error, int errorThreshold, CancellationToken cancellationToken);

    /// <summary>The grant is gone: status needs_reauth with the reason as last error; bumps the catalog version.</summary>
    Task MarkNeedsReauthAsync(string connectorId, string reason, CancellationToken cancellationToken);
}
