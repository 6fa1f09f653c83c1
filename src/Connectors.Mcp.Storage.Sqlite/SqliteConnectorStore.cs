using System.Text.Json;
using System.Text.RegularExpressions;
using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Core.Instructions;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Core.Storage.Persistence;
using Connectors.Mcp.Storage.Sqlite.Internal;

namespace Connectors.Mcp.Storage.Sqlite;

/// <summary>
/// Connector types (<c>connector_definitions</c>) and workspace connectors (<c>workspace_connectors</c>): the seed's
/// get_workspace_connectors, can_add_connector, update_connector_sync and record_connector_error as methods.
/// </summary>
public sealed partial class SqliteConnectorStore(SqliteDatabase database, TimeProvider time) : IConnectorStore
{
    public Task UpsertDefinitionsAsync(IReadOnlyList<ConnectorDefinitionRecord> definitions, CancellationToken cancellationToken) =>
        database.WriteAsync(connection =>
        {
            var now = StorageTime.ToText(StorageTime.Now(time));
            foreach (var definition in definitions)
            {
                connection.Command(
                    """
                    INSERT INTO connector_definitions (type, display_name, provider, description, scopes_json, actions_json, updated_at)
                    VALUES ($type, $display_name, $provider, $description, $scopes_json, $actions_json, $updated_at)
                    ON CONFLICT (type) DO UPDATE SET
                        display_name = excluded.display_name, provider = excluded.provider, description = excluded.description,
                        scopes_json = excluded.scopes_json, actions_json = excluded.actions_json, updated_at = excluded.updated_at;
                    """)
                    .With("$type", definition.Type)
                    .With("$display_name", definition.DisplayName)
                    .With("$provider", definition.Provider)
                    .With("$description", definition.Description)
                    .With("$scopes_json", JsonSerializer.Serialize(definition.Scopes))
                    .With("$actions_json", JsonSerializer.Serialize(definition.Actions))
                    .With("$updated_at", now)
                    .Execute();
            }
        }, cancellationToken);

    public Task<IReadOnlyList<ConnectorDefinitionRecord>> ListDefinitionsAsync(CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<ConnectorDefinitionRecord>>(connection =>
        {
            using var reader = connection.Command(
                "SELECT type, display_name, provider, description, scopes_json, actions_json FROM connector_definitions ORDER BY type;").ExecuteReader();
            var definitions = new List<ConnectorDefinitionRecord>();
            while (reader.Read())
            {
                definitions.Add(new ConnectorDefinitionRecord(
                    reader.GetString(0),
                    reader.GetString(1),
                    reader.GetString(2),
                    reader.GetString(3),
                    JsonSerializer.Deserialize<List<string>>(reader.GetString(4)) ?? [],
                    JsonSerializer.Deserialize<List<string>>(reader.GetString(5)) ?? []));
            }

            return definitions;
        }, cancellationToken);

    public Task<IReadOnlyList<ConnectorInstance>> GetWorkspaceConnectorsAsync(string workspaceId, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<ConnectorInstance>>(connection =>
        {
            using var reader = connection.Command(
                $"SELECT {ConnectorRow.Columns} FROM workspace_connectors WHERE workspace_id = $workspace_id ORDER BY created_at, rowid;")
                .With("$workspace_id", workspaceId)
                .ExecuteReader();
            var now = StorageTime.Now(time);
            var connectors = new List<ConnectorInstance>();
            while (reader.Read())
            {
                connectors.Add(ConnectorRow.Read(reader, now));
            }

            return connectors;
        }, cancellationToken);

    public Task<ConnectorInstance?> FindAsync(string connectorId, CancellationToken cancellationToken) =>
        database.ReadAsync(connection => ConnectorRow.Find(connection, connectorId, StorageTime.Now(time)), cancellationToken);

    public Task<bool> CanAddConnectorAsync(string workspaceId, CancellationToken cancellationToken) =>
        database.ReadAsync(connection =>
        {
            var workspace = WorkspaceRow.Get(connection, workspaceId);
            return PlanLimits.MaxConnectors(workspace.Plan) is not { } max || CountConnectors(connection, workspaceId) < max;
        }, cancellationToken);

    public Task<ConnectorInstance> AddAsync(
        string workspaceId, string type, string name, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken) =>
        database.WriteAsync(connection =>
        {
            ArgumentNullException.ThrowIfNull(name);
            if (!NamePattern().IsMatch(name))
            {
                throw new ArgumentException(
                    $"'{name}' is not a valid connector name: use 1 to 32 lowercase letters, digits and underscores, starting with a letter (for example 'gmail' or 'work_mail').",
                    nameof(name));
            }

            // Every check below and the insert share one immediate transaction, so two processes adding at once cannot
            // both pass the plan limit or take the same name.
            var workspace = WorkspaceRow.Get(connection, workspaceId);
            if (!connection.Command("SELECT 1 FROM connector_definitions WHERE type = $type;").With("$type", type).Exists())
            {
                throw new EntityNotFoundException(UnknownTypeMessage(connection, type));
            }

            if (connection.Command("SELECT 1 FROM workspace_connectors WHERE workspace_id = $workspace_id AND name = $name;")
                .With("$workspace_id", workspaceId).With("$name", name).Exists())
            {
                throw new ConflictException(
                    $"Workspace '{workspace.Slug}' already has a connector named '{name}'; pass --name to add another account.");
            }

            if (PlanLimits.MaxConnectors(workspace.Plan) is { } max && CountConnectors(connection, workspaceId) >= max)
            {
                throw new PlanLimitException(
                    $"Workspace '{workspace.Slug}' is on the {PlanLimits.Name(workspace.Plan)} plan, which allows {max} connectors; remove one or move to {PlanLimits.Name(WorkspacePlans.Next(workspace.Plan))}.");
            }

            var now = StorageTime.ToText(StorageTime.Now(time));
            var id = EntityIds.New(EntityIds.ConnectorPrefix);
            connection.Command(
                """
                INSERT INTO workspace_connectors (id, workspace_id, name, type, status, settings_json, created_at, updated_at, consecutive_failures)
                VALUES ($id, $workspace_id, $name, $type, $status, $settings_json, $now, $now, 0);
                """)
                .With("$id", id)
                .With("$workspace_id", workspaceId)
                .With("$name", name)
                .With("$type", type)
                .With("$status", ConnectorStatus.NeedsReauth.ToName())
                .With("$settings_json", ConnectorRow.SettingsJson(settings))
                .With("$now", now)
                .Execute();

            // A connector in needs_reauth is listed (its tools answer with how to reconnect), so the catalog changed.
            WorkspaceRow.BumpCatalogVersion(connection, workspaceId);
            return ConnectorRow.Get(connection, id);
        }, cancellationToken);

    public Task<ConnectorInstance> SetEnabledAsync(string connectorId, bool enabled, CancellationToken cancellationToken) =>
        database.WriteAsync(connection =>
        {
            var connector = ConnectorRow.Get(connection, connectorId);
            var now = StorageTime.ToText(StorageTime.Now(time));
            if (!enabled)
            {
                ConnectorRow.SetStatus(connection, connector, ConnectorStatus.Disabled, now);
            }
            else if (connector.Status is ConnectorStatus.Disabled or ConnectorStatus.Error)
            {
                // A fresh start: forget the failures that led to error. Without usable tokens it waits for a reconnect.
                connection.Command("UPDATE workspace_connectors SET consecutive_failures = 0, last_error = NULL WHERE id = $id AND status = 'error';")
                    .With("$id", connectorId)
                    .Execute();
                var status = ConnectorRow.HasUsableCredentials(connection, connectorId) ? ConnectorStatus.Active : ConnectorStatus.NeedsReauth;
                ConnectorRow.SetStatus(connection, connector, status, now);
            }

            // Enabling an active or needs_reauth connector changes nothing: only new tokens fix needs_reauth.
            return ConnectorRow.Get(connection, connectorId);
        }, cancellationToken);

    public Task UpdateSettingsAsync(string connectorId, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken) =>
        database.WriteAsync(connection =>
        {
            var connector = ConnectorRow.Get(connection, connectorId);
            connection.Command("UPDATE workspace_connectors SET settings_json = $settings_json, updated_at = $now WHERE id = $id;")
                .With("$settings_json", ConnectorRow.SettingsJson(settings))
                .With("$now", StorageTime.ToText(StorageTime.Now(time)))
                .With("$id", connectorId)
                .Execute();

            // Cached catalogs hold connector instances with their settings: make them rebuild.
            WorkspaceRow.BumpCatalogVersion(connection, connector.WorkspaceId);
        }, cancellationToken);

    public Task<ConnectorInstance> SetPublishedActionsAsync(
        string connectorId, IReadOnlyList<string>? actions, OperatorActor actor, CancellationToken cancellationToken) =>
        database.WriteAsync(connection =>
        {
            var connector = ConnectorRow.Get(connection, connectorId);
            var published = actions is null ? null : PublishedActions.Check(connector, actions, TypeActions(connection, connector.Type));
            connection.Command("UPDATE workspace_connectors SET published_actions_json = $published, updated_at = $now WHERE id = $id;")
                .With("$published", published is null ? null : JsonSerializer.Serialize(published))
                .With("$now", StorageTime.ToText(StorageTime.Now(time)))
                .With("$id", connectorId)
                .Execute();
            WorkspaceRow.BumpCatalogVersion(connection, connector.WorkspaceId);
            OperatorChangeRow.Append(
                connection, time, actor, WorkspaceRow.Get(connection, connector.WorkspaceId), OperatorActions.ConnectorToolsSet,
                $"{connector.Id} '{connector.Name}'", PublishedActions.Text(connector.PublishedActions), PublishedActions.Text(published));
            return ConnectorRow.Get(connection, connectorId);
        }, cancellationToken);

    public Task RemoveAsync(string connectorId, CancellationToken cancellationToken) =>
        database.WriteAsync(connection =>
        {
            var connector = ConnectorRow.Get(connection, connectorId);

            // connector_credentials rows go with it (ON DELETE CASCADE); audit rows and approvals have no foreign key
            // to it and stay.
            connection.Command("DELETE FROM workspace_connectors WHERE id = $id;").With("$id", connectorId).Execute();
            WorkspaceRow.BumpCatalogVersion(connection, connector.WorkspaceId);
        }, cancellationToken);

    public Task UpdateConnectorSyncAsync(string connectorId, CancellationToken cancellationToken) =>
        database.WriteAsync(connection =>
        {
            var connector = ConnectorRow.Get(connection, connectorId);
            var now = StorageTime.ToText(StorageTime.Now(time));

            // A success clears the failure count and error; the reason for needs_reauth stays until new tokens arrive.
            connection.Command(
                """
                UPDATE workspace_connectors
                SET last_sync_at = $now, consecutive_failures = 0,
                    last_error = CASE WHEN status = 'needs_reauth' THEN last_error ELSE NULL END, updated_at = $now
                WHERE id = $id;
                """)
                .With("$now", now)
                .With("$id", connectorId)
                .Execute();
            if (connector.Status == ConnectorStatus.Error)
            {
                ConnectorRow.SetStatus(connection, connector, ConnectorStatus.Active, now);
            }
        }, cancellationToken);

    public Task<ConnectorStatus> RecordConnectorErrorAsync(string connectorId, string error, int errorThreshold, CancellationToken cancellationToken) =>
        database.WriteAsync(connection =>
        {
            ArgumentNullException.ThrowIfNull(error);
            ArgumentOutOfRangeException.ThrowIfLessThan(errorThreshold, 1);
            var connector = ConnectorRow.Get(connection, connectorId);
            var now = StorageTime.ToText(StorageTime.Now(time));
            var failures = connector.ConsecutiveFailures + 1;
            connection.Command("UPDATE workspace_connectors SET consecutive_failures = $failures, last_error = $error, updated_at = $now WHERE id = $id;")
                .With("$failures", failures)
                .With("$error", ConnectorRow.Shorten(error))
                .With("$now", now)
                .With("$id", connectorId)
                .Execute();

            // Only a working connector falls into error; disabled and needs_reauth keep the state a person must act on.
            if (connector.Status == ConnectorStatus.Active && failures >= errorThreshold)
            {
                ConnectorRow.SetStatus(connection, connector, ConnectorStatus.Error, now);
                return ConnectorStatus.Error;
            }

            return connector.Status;
        }, cancellationToken);

    public Task MarkNeedsReauthAsync(string connectorId, string reason, CancellationToken cancellationToken) =>
        database.WriteAsync(connection =>
        {
            ArgumentNullException.ThrowIfNull(reason);
            var connector = ConnectorRow.Get(connection, connectorId);
            var now = StorageTime.ToText(StorageTime.Now(time));

            // The tokens stay (as the contract says) but are marked refused, so `connector enable` does not bring the
            // connector back to active on a dead grant; the next saved tokens clear the mark. A refresh lease goes with
            // the grant. A disconnected (revoked) grant stays revoked: that says more than needs_reauth.
            connection.Command(
                "UPDATE connector_credentials SET revoked_at = $now, refresh_lease_owner = NULL, refresh_lease_until = NULL WHERE connector_id = $id;")
                .With("$now", now).With("$id", connectorId).Execute();
            if (connector.CredentialState != CredentialState.Revoked)
            {
                CredentialStates.Set(connection, connectorId, CredentialState.NeedsReauth);
            }

            connection.Command("UPDATE workspace_connectors SET last_error = $reason, updated_at = $now WHERE id = $id;")
                .With("$reason", ConnectorRow.Shorten(reason))
                .With("$now", now)
                .With("$id", connectorId)
                .Execute();

            // A disabled connector stays disabled (a person turned it off); enabling it later finds no usable tokens.
            if (connector.Status != ConnectorStatus.Disabled)
            {
                ConnectorRow.SetStatus(connection, connector, ConnectorStatus.NeedsReauth, now);
            }
        }, cancellationToken);

    private static long CountConnectors(PooledConnection connection, string workspaceId) =>
        (long)connection.Command("SELECT COUNT(*) FROM workspace_connectors WHERE workspace_id = $workspace_id;").With("$workspace_id", workspaceId).ExecuteScalar()!;

    private static IReadOnlyList<string> TypeActions(PooledConnection connection, string type) =>
        connection.Command("SELECT actions_json FROM connector_definitions WHERE type = $type;").With("$type", type).ExecuteScalar() is string json
            ? JsonSerializer.Deserialize<List<string>>(json) ?? []
            : [];

    private static string UnknownTypeMessage(PooledConnection connection, string type)
    {
        var known = new List<string>();
        using (var reader = connection.Command("SELECT type FROM connector_definitions ORDER BY type;").ExecuteReader())
        {
            while (reader.Read())
            {
                known.Add(reader.GetString(0));
            }
        }

        var list = known.Count == 0 ? "none are registered" : "known types: " + string.Join(", ", known);
        return $"Unknown connector type '{type}'; {list}. {CliInstructions.ConnectorTypes} lists them.";
    }

    // \z, not $: '$' would also accept a name followed by a newline.
    [GeneratedRegex(@"^[a-z][a-z0-9_]{0,31}\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
