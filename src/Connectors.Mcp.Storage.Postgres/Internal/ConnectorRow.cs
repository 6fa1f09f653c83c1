using System.Text.Json;
using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Core.Storage.Persistence;
using Npgsql;

namespace Connectors.Mcp.Storage.Postgres.Internal;

/// <summary>Reads <c>workspace_connectors</c> rows as <see cref="ConnectorInstance"/>.</summary>
internal static class ConnectorRow
{
    /// <summary>The columns <see cref="Read"/> expects, in order (a query on <c>workspace_connectors</c>, not aliased).</summary>
    public const string Columns =
        "id, workspace_id, name, type, status, settings_json, created_at, last_sync_at, last_error, consecutive_failures, credential_state, "
        + "(SELECT c.refresh_lease_until FROM connector_credentials c WHERE c.connector_id = workspace_connectors.id), published_actions_json";

    /// <param name="now">When given, an active grant with a live refresh lease reads as <see cref="CredentialState.Refreshing"/>.</param>
    public static Task<ConnectorInstance?> FindAsync(NpgsqlConnection connection, string connectorId, DateTimeOffset? now, CancellationToken cancellationToken) =>
        connection.Command($"SELECT {Columns} FROM workspace_connectors WHERE id = @id").With("id", connectorId).OneAsync(r => Read(r, now), cancellationToken);

    public static async Task<ConnectorInstance> GetAsync(NpgsqlConnection connection, string connectorId, CancellationToken cancellationToken) =>
        await FindAsync(connection, connectorId, null, cancellationToken) ?? throw NotFound.Connector(connectorId);

    /// <summary>
    /// The connector, its row locked (<c>FOR NO KEY UPDATE</c>) until the transaction ends, so a read-modify-write of
    /// its status or failure count cannot interleave with another instance's.
    /// </summary>
    public static async Task<ConnectorInstance?> FindLockedAsync(NpgsqlConnection connection, string connectorId, CancellationToken cancellationToken) =>
        await connection.Command($"SELECT {Columns} FROM workspace_connectors WHERE id = @id FOR NO KEY UPDATE")
            .With("id", connectorId)
            .OneAsync(r => Read(r, null), cancellationToken);

    /// <inheritdoc cref="FindLockedAsync"/>
    public static async Task<ConnectorInstance> LockAsync(NpgsqlConnection connection, string connectorId, CancellationToken cancellationToken) =>
        await FindLockedAsync(connection, connectorId, cancellationToken) ?? throw NotFound.Connector(connectorId);

    /// <param name="now">When given, an active grant with a live refresh lease reads as <see cref="CredentialState.Refreshing"/>.</param>
    public static ConnectorInstance Read(NpgsqlDataReader reader, DateTimeOffset? now) => new(
        Id: reader.GetString(0),
        WorkspaceId: reader.GetString(1),
        Name: reader.GetString(2),
        Type: reader.GetString(3),
        Status: ConnectorStatusNames.Parse(reader.GetString(4)),
        Settings: JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(5)) ?? [],
        CreatedAt: reader.GetTime(6),
        LastSyncAt: reader.GetNullableTime(7),
        LastError: reader.GetNullableString(8),
        ConsecutiveFailures: reader.GetInt32(9),
        CredentialState: EffectiveCredentialState.Of(CredentialStateNames.Parse(reader.GetString(10)), reader.GetNullableTime(11), now),
        PublishedActions: reader.GetNullableString(12) is { } published ? JsonSerializer.Deserialize<List<string>>(published) : null);

    /// <summary>Settings as stored: a JSON object with keys in ordinal order.</summary>
    public static string SettingsJson(IReadOnlyDictionary<string, string> settings) =>
        JsonSerializer.Serialize(new SortedDictionary<string, string>(settings.ToDictionary(), StringComparer.Ordinal));

    /// <summary>
    /// Sets the status; when it changed, bumps the workspace's catalog version in the same transaction (every status
    /// change alters what the catalog shows: the tool list, or the status <c>list_connectors</c> reports).
    /// </summary>
    public static async Task SetStatusAsync(
        NpgsqlConnection connection, ConnectorInstance connector, ConnectorStatus status, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (connector.Status == status)
        {
            return;
        }

        await connection.Command("UPDATE workspace_connectors SET status = @status, updated_at = @now WHERE id = @id")
            .With("status", status.ToName())
            .With("now", now)
            .With("id", connector.Id)
            .ExecuteAsync(cancellationToken);
        await WorkspaceRow.BumpCatalogVersionAsync(connection, connector.WorkspaceId, cancellationToken);
    }

    /// <summary>Sets the stored credential state (never <see cref="CredentialState.Refreshing"/>, which is derived from the lease).</summary>
    public static Task SetCredentialStateAsync(NpgsqlConnection connection, string connectorId, CredentialState state, CancellationToken cancellationToken)
    {
        if (state == CredentialState.Refreshing)
        {
            throw new ArgumentException("'refreshing' is not stored; it is derived from the refresh lease.", nameof(state));
        }

        return connection.Command("UPDATE workspace_connectors SET credential_state = @state WHERE id = @id")
            .With("state", state.ToName())
            .With("id", connectorId)
            .ExecuteAsync(cancellationToken);
    }

    /// <summary>Whether the connector has stored tokens whose grant was not refused.</summary>
    public static Task<bool> HasUsableCredentialsAsync(NpgsqlConnection connection, string connectorId, CancellationToken cancellationToken) =>
        connection.Command("SELECT 1 FROM connector_credentials WHERE connector_id = @id AND revoked_at IS NULL").With("id", connectorId).ExistsAsync(cancellationToken);

    /// <summary>Long provider messages are cut; the status line only needs the start.</summary>
    public static string Shorten(string error) => error.Length <= 1000 ? error : error[..1000] + "…";
}
