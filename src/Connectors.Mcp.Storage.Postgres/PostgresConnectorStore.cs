using System.Text.Json;
using System.Text.RegularExpressions;
using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Core.Instructions;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Core.Storage.Persistence;
using Connectors.Mcp.Storage.Postgres.Internal;
using Npgsql;

namespace Connectors.Mcp.Storage.Postgres;

/// <summary>
/// Connector types (<c>connector_definitions</c>) and workspace connectors (<c>workspace_connectors</c>), as
/// <c>SqliteConnectorStore</c> keeps them. Changes to one connector lock its row (<c>FOR NO KEY UPDATE</c>) first; a
/// change that alters the catalog bumps the workspace's catalog version in the same transaction.
/// </summary>
public sealed partial class PostgresConnectorStore(PostgresDatabase database, TimeProvider time) : IConnectorStore
{
    /// <summary>Cross-instance: <c>INSERT … ON CONFLICT (type) DO UPDATE</c>, so instances starting at once both succeed.</summary>
    public Task UpsertDefinitionsAsync(IReadOnlyList<ConnectorDefinitionRecord> definitions, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, _, ct) =>
        {
            var now = StorageTime.Now(time);

            // In type order, so two instances upserting the same definitions lock their rows in the same order.
            foreach (var definition in definitions.OrderBy(d => d.Type, StringComparer.Ordinal))
            {
                await connection.Command(
                        """
                        INSERT INTO connector_definitions (type, display_name, provider, description, scopes_json, actions_json, updated_at)
                        VALUES (@type, @display_name, @provider, @description, @scopes_json, @actions_json, @updated_at)
                        ON CONFLICT (type) DO UPDATE SET
                            display_name = excluded.display_name, provider = excluded.provider, description = excluded.description,
                            scopes_json = excluded.scopes_json, actions_json = excluded.actions_json, updated_at = excluded.updated_at
                        """)
                    .With("type", definition.Type)
                    .With("display_name", definition.DisplayName)
                    .With("provider", definition.Provider)
                    .With("description", definition.Description)
                    .With("scopes_json", JsonSerializer.Serialize(definition.Scopes))
                    .With("actions_json", JsonSerializer.Serialize(definition.Actions))
                    .With("updated_at", now)
                    .ExecuteAsync(ct);
            }
        }, cancellationToken);

    public Task<IReadOnlyList<ConnectorDefinitionRecord>> ListDefinitionsAsync(CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<ConnectorDefinitionRecord>>(
            async (connection, ct) => await connection.Command(
                    "SELECT type, display_name, provider, description, scopes_json, actions_json FROM connector_definitions ORDER BY type COLLATE \"C\"")
                .ListAsync(
                    r => new ConnectorDefinitionRecord(
                        r.GetString(0),
                        r.GetString(1),
                        r.GetString(2),
                        r.GetString(3),
                        JsonSerializer.Deserialize<List<string>>(r.GetString(4)) ?? [],
                        JsonSerializer.Deserialize<List<string>>(r.GetString(5)) ?? []),
                    ct),
            cancellationToken);

    public Task<IReadOnlyList<ConnectorInstance>> GetWorkspaceConnectorsAsync(string workspaceId, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<ConnectorInstance>>(
            async (connection, ct) =>
            {
                var now = StorageTime.Now(time);
                return await connection.Command($"SELECT {ConnectorRow.Columns} FROM workspace_connectors WHERE workspace_id = @workspace_id ORDER BY created_at, rowid")
                    .With("workspace_id", workspaceId)
                    .ListAsync(r => ConnectorRow.Read(r, now), ct);
            },
            cancellationToken);

    public Task<ConnectorInstance?> FindAsync(string connectorId, CancellationToken cancellationToken) =>
        database.ReadAsync((connection, ct) => ConnectorRow.FindAsync(connection, connectorId, StorageTime.Now(time), ct), cancellationToken);

    public Task<bool> CanAddConnectorAsync(string workspaceId, CancellationToken cancellationToken) =>
        database.ReadAsync(async (connection, ct) =>
        {
            var workspace = await WorkspaceRow.GetAsync(connection, workspaceId, ct);
            return PlanLimits.MaxConnectors(workspace.Plan) is not { } max || await CountConnectorsAsync(connection, workspaceId, ct) < max;
        }, cancellationToken);

    /// <summary>
    /// Cross-instance: the workspace row is locked (<c>FOR NO KEY UPDATE</c>) before the name and plan-limit checks, so
    /// two instances adding at once run one after the other and cannot both pass the limit; the catalog version bump
    /// commits with the insert.
    /// </summary>
    public Task<ConnectorInstance> AddAsync(
        string workspaceId, string type, string name, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!NamePattern().IsMatch(name))
        {
            throw new ArgumentException(
                $"'{name}' is not a valid connector name: use 1 to 32 lowercase letters, digits and underscores, starting with a letter (for example 'gmail' or 'work_mail').",
                nameof(name));
        }

        return database.WriteAsync(async (connection, _, ct) =>
        {
            var workspace = await WorkspaceRow.LockAsync(connection, workspaceId, ct);
            if (!await connection.Command("SELECT 1 FROM connector_definitions WHERE type = @type").With("type", type).ExistsAsync(ct))
            {
                throw new EntityNotFoundException(await UnknownTypeMessageAsync(connection, type, ct));
            }

            if (await connection.Command("SELECT 1 FROM workspace_connectors WHERE workspace_id = @workspace_id AND name = @name")
                    .With("workspace_id", workspaceId).With("name", name).ExistsAsync(ct))
            {
                throw new ConflictException(
                    $"Workspace '{workspace.Slug}' already has a connector named '{name}'; pass --name to add another account.");
            }

            if (PlanLimits.MaxConnectors(workspace.Plan) is { } max && await CountConnectorsAsync(connection, workspaceId, ct) >= max)
            {
                throw new PlanLimitException(
                    $"Workspace '{workspace.Slug}' is on the {PlanLimits.Name(workspace.Plan)} plan, which allows {max} connectors; remove one or move to {PlanLimits.Name(WorkspacePlans.Next(workspace.Plan))}.");
            }

            var id = EntityIds.New(EntityIds.ConnectorPrefix);
            await connection.Command(
                    """
                    INSERT INTO workspace_connectors (id, workspace_id, name, type, status, settings_json, created_at, updated_at, consecutive_failures)
                    VALUES (@id, @workspace_id, @name, @type, @status, @settings_json, @now, @now, 0)
                    """)
                .With("id", id)
                .With("workspace_id", workspaceId)
                .With("name", name)
                .With("type", type)
                .With("status", ConnectorStatus.NeedsReauth.ToName())
                .With("settings_json", ConnectorRow.SettingsJson(settings))
                .With("now", StorageTime.Now(time))
                .ExecuteAsync(ct);

            // A connector in needs_reauth is listed (its tools answer with how to reconnect), so the catalog changed.
            await WorkspaceRow.BumpCatalogVersionAsync(connection, workspaceId, ct);
            return await ConnectorRow.GetAsync(connection, id, ct);
        }, cancellationToken);
    }

    public Task<ConnectorInstance> SetEnabledAsync(string connectorId, bool enabled, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, _, ct) =>
        {
            var connector = await ConnectorRow.LockAsync(connection, connectorId, ct);
            var now = StorageTime.Now(time);
            if (!enabled)
            {
                await ConnectorRow.SetStatusAsync(connection, connector, ConnectorStatus.Disabled, now, ct);
            }
            else if (connector.Status is ConnectorStatus.Disabled or ConnectorStatus.Error)
            {
                // A fresh start: forget the failures that led to error. Without usable tokens it waits for a reconnect.
                await connection.Command("UPDATE workspace_connectors SET consecutive_failures = 0, last_error = NULL WHERE id = @id AND status = 'error'")
                    .With("id", connectorId)
                    .ExecuteAsync(ct);
                var status = await ConnectorRow.HasUsableCredentialsAsync(connection, connectorId, ct) ? ConnectorStatus.Active : ConnectorStatus.NeedsReauth;
                await ConnectorRow.SetStatusAsync(connection, connector, status, now, ct);
            }

            // Enabling an active or needs_reauth connector changes nothing: only new tokens fix needs_reauth.
            return await ConnectorRow.GetAsync(connection, connectorId, ct);
        }, cancellationToken);

    public Task UpdateSettingsAsync(string connectorId, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, _, ct) =>
        {
            var connector = await ConnectorRow.LockAsync(connection, connectorId, ct);
            await connection.Command("UPDATE workspace_connectors SET settings_json = @settings_json, updated_at = @now WHERE id = @id")
                .With("settings_json", ConnectorRow.SettingsJson(settings))
                .With("now", StorageTime.Now(time))
                .With("id", connectorId)
                .ExecuteAsync(ct);

            // Cached catalogs hold connector instances with their settings: make them rebuild.
            await WorkspaceRow.BumpCatalogVersionAsync(connection, connector.WorkspaceId, ct);
        }, cancellationToken);

    public Task<ConnectorInstance> SetPublishedActionsAsync(
        string connectorId, IReadOnlyList<string>? actions, OperatorActor actor, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, _, ct) =>
        {
            var connector = await ConnectorRow.LockAsync(connection, connectorId, ct);
            var published = actions is null ? null : PublishedActions.Check(connector, actions, await TypeActionsAsync(connection, connector.Type, ct));
            await connection.Command("UPDATE workspace_connectors SET published_actions_json = @published, updated_at = @now WHERE id = @id")
                .With("published", published is null ? null : JsonSerializer.Serialize(published))
                .With("now", StorageTime.Now(time))
                .With("id", connectorId)
                .ExecuteAsync(ct);
            await WorkspaceRow.BumpCatalogVersionAsync(connection, connector.WorkspaceId, ct);
            await OperatorChangeRow.AppendAsync(
                connection, time, actor, await WorkspaceRow.GetAsync(connection, connector.WorkspaceId, ct), OperatorActions.ConnectorToolsSet,
                $"{connector.Id} '{connector.Name}'", PublishedActions.Text(connector.PublishedActions), PublishedActions.Text(published), ct);
            return await ConnectorRow.GetAsync(connection, connectorId, ct);
        }, cancellationToken);

    public Task RemoveAsync(string connectorId, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, _, ct) =>
        {
            var connector = await ConnectorRow.LockAsync(connection, connectorId, ct);

            // connector_credentials, server apps and OAuth states go with it (ON DELETE CASCADE); audit rows and
            // approvals have no foreign key to it and stay.
            await connection.Command("DELETE FROM workspace_connectors WHERE id = @id").With("id", connectorId).ExecuteAsync(ct);
            await WorkspaceRow.BumpCatalogVersionAsync(connection, connector.WorkspaceId, ct);
        }, cancellationToken);

    public Task UpdateConnectorSyncAsync(string connectorId, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, _, ct) =>
        {
            var connector = await ConnectorRow.LockAsync(connection, connectorId, ct);
            var now = StorageTime.Now(time);

            // A success clears the failure count and error; the reason for needs_reauth stays until new tokens arrive.
            await connection.Command(
                    """
                    UPDATE workspace_connectors
                    SET last_sync_at = @now, consecutive_failures = 0,
                        last_error = CASE WHEN status = 'needs_reauth' THEN last_error ELSE NULL END, updated_at = @now
                    WHERE id = @id
                    """)
                .With("now", now)
                .With("id", connectorId)
                .ExecuteAsync(ct);
            if (connector.Status == ConnectorStatus.Error)
            {
                await ConnectorRow.SetStatusAsync(connection, connector, ConnectorStatus.Active, now, ct);
            }
        }, cancellationToken);

    /// <summary>Cross-instance: the connector row is locked before its failure count is read, so concurrent failures each count.</summary>
    public Task<ConnectorStatus> RecordConnectorErrorAsync(string connectorId, string error, int errorThreshold, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentOutOfRangeException.ThrowIfLessThan(errorThreshold, 1);
        return database.WriteAsync(async (connection, _, ct) =>
        {
            var connector = await ConnectorRow.LockAsync(connection, connectorId, ct);
            var now = StorageTime.Now(time);
            var failures = connector.ConsecutiveFailures + 1;
            await connection.Command("UPDATE workspace_connectors SET consecutive_failures = @failures, last_error = @error, updated_at = @now WHERE id = @id")
                .With("failures", failures)
                .With("error", ConnectorRow.Shorten(error))
                .With("now", now)
                .With("id", connectorId)
                .ExecuteAsync(ct);

            // Only a working connector falls into error; disabled and needs_reauth keep the state a person must act on.
            if (connector.Status == ConnectorStatus.Active && failures >= errorThreshold)
            {
                await ConnectorRow.SetStatusAsync(connection, connector, ConnectorStatus.Error, now, ct);
                return ConnectorStatus.Error;
            }

            return connector.Status;
        }, cancellationToken);
    }

    public Task MarkNeedsReauthAsync(string connectorId, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reason);
        return database.WriteAsync(async (connection, _, ct) =>
        {
            var connector = await ConnectorRow.LockAsync(connection, connectorId, ct);
            var now = StorageTime.Now(time);

            // The tokens stay (as the contract says) but are marked refused, so `connector enable` does not bring the
            // connector back to active on a dead grant; the next saved tokens clear the mark. A refresh lease goes with
            // the grant. A disconnected (revoked) grant stays revoked: that says more than needs_reauth.
            await connection.Command(
                    "UPDATE connector_credentials SET revoked_at = @now, refresh_lease_owner = NULL, refresh_lease_until = NULL WHERE connector_id = @id")
                .With("now", now).With("id", connectorId).ExecuteAsync(ct);
            if (connector.CredentialState != CredentialState.Revoked)
            {
                await ConnectorRow.SetCredentialStateAsync(connection, connectorId, CredentialState.NeedsReauth, ct);
            }

            await connection.Command("UPDATE workspace_connectors SET last_error = @reason, updated_at = @now WHERE id = @id")
                .With("reason", ConnectorRow.Shorten(reason))
                .With("now", now)
                .With("id", connectorId)
                .ExecuteAsync(ct);

            // A disabled connector stays disabled (a person turned it off); enabling it later finds no usable tokens.
            if (connector.Status != ConnectorStatus.Disabled)
            {
                await ConnectorRow.SetStatusAsync(connection, connector, ConnectorStatus.NeedsReauth, now, ct);
            }
        }, cancellationToken);
    }

    private static async Task<long> CountConnectorsAsync(NpgsqlConnection connection, string workspaceId, CancellationToken cancellationToken) =>
        (long)(await connection.Command("SELECT COUNT(*) FROM workspace_connectors WHERE workspace_id = @workspace_id")
            .With("workspace_id", workspaceId)
            .ScalarAsync(cancellationToken))!;

    private static async Task<IReadOnlyList<string>> TypeActionsAsync(NpgsqlConnection connection, string type, CancellationToken cancellationToken) =>
        await connection.Command("SELECT actions_json FROM connector_definitions WHERE type = @type").With("type", type).ScalarAsync(cancellationToken) is string json
            ? JsonSerializer.Deserialize<List<string>>(json) ?? []
            : [];

    private static async Task<string> UnknownTypeMessageAsync(NpgsqlConnection connection, string type, CancellationToken cancellationToken)
    {
        var known = await connection.Command("SELECT type FROM connector_definitions ORDER BY type COLLATE \"C\"").ListAsync(r => r.GetString(0), cancellationToken);
        var list = known.Count == 0 ? "none are registered" : "known types: " + string.Join(", ", known);
        return $"Unknown connector type '{type}'; {list}. {CliInstructions.ConnectorTypes} lists them.";
    }

    // \z, not $: '$' would also accept a name followed by a newline.
    [GeneratedRegex(@"^[a-z][a-z0-9_]{0,31}\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
