using System.Text.Json;
using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Core.Storage.Persistence;
using Microsoft.Data.Sqlite;

namespace Connectors.Mcp.Storage.Sqlite.Internal;

/// <summary>Reads <c>workspace_connectors</c> rows as <see cref="ConnectorInstance"/>.</summary>
internal static class ConnectorRow
{
    /// <summary>The columns <see cref="Read"/> expects, in order (a query on <c>workspace_connectors</c>, not aliased).</summary>
    public const string Columns =
        "id, workspace_id, name, type, status, settings_json, created_at, last_sync_at, last_error, consecutive_failures, credential_state, "
        + "(SELECT c.refresh_lease_until FROM connector_credentials c WHERE c.connector_id = workspace_connectors.id), published_actions_json";

    /// <param name="now">When given, an active grant with a live refresh lease reads as <see cref="CredentialState.Refreshing"/>.</param>
    public static ConnectorInstance? Find(PooledConnection connection, string connectorId, DateTimeOffset? now = null)
    {
        using var reader = connection.Command($"SELECT {Columns} FROM workspace_connectors WHERE id = $id;").With("$id", connectorId).ExecuteReader();
        return reader.Read() ? Read(reader, now) : null;
    }

    public static ConnectorInstance Get(PooledConnection connection, string connectorId) =>
        Find(connection, connectorId) ?? throw NotFound.Connector(connectorId);

    /// <param name="now">When given, an active grant with a live refresh lease reads as <see cref="CredentialState.Refreshing"/>.</param>
    public static ConnectorInstance Read(SqliteDataReader reader, DateTimeOffset? now = null) => new(
        Id: reader.GetString(0),
        WorkspaceId: reader.GetString(1),
        Name: reader.GetString(2),
        Type: reader.GetString(3),
        Status: ConnectorStatusNames.Parse(reader.GetString(4)),
        Settings: JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(5)) ?? [],
        CreatedAt: StorageTime.Parse(reader.GetString(6)),
        LastSyncAt: StorageTime.ParseNullable(reader.GetNullableString(7)),
        LastError: reader.GetNullableString(8),
        ConsecutiveFailures: reader.GetInt32(9),
        CredentialState: CredentialStates.Effective(
            CredentialStateNames.Parse(reader.GetString(10)), StorageTime.ParseNullable(reader.GetNullableString(11)), now),
        PublishedActions: reader.GetNullableString(12) is { } published ? JsonSerializer.Deserialize<List<string>>(published) : null);

    /// <summary>Settings as stored: a JSON object with keys in ordinal order.</summary>
    public static string SettingsJson(IReadOnlyDictionary<string, string> settings) =>
        JsonSerializer.Serialize(new SortedDictionary<string, string>(settings.ToDictionary(), StringComparer.Ordinal));

    /// <summary>
    /// Sets the status; when it changed, bumps the workspace's catalog version (every status change alters what the
    /// catalog shows: the tool list, or the status <c>list_connectors</c> reports).
    /// </summary>
    public static void SetStatus(PooledConnection connection, ConnectorInstance connector, ConnectorStatus status, string now)
    {
        if (connector.Status == status)
        {
            return;
        }

        connection.Command("UPDATE workspace_connectors SET status = $status, updated_at = $now WHERE id = $id;")
            .With("$status", status.ToName())
            .With("$now", now)
            .With("$id", connector.Id)
            .Execute();
        WorkspaceRow.BumpCatalogVersion(connection, connector.WorkspaceId);
    }

    /// <summary>Whether the connector has stored tokens whose grant was not refused.</summary>
    public static bool HasUsableCredentials(PooledConnection connection, string connectorId) =>
        connection.Command("SELECT 1 FROM connector_credentials WHERE connector_id = $id AND revoked_at IS NULL;").With("$id", connectorId).Exists();

    /// <summary>Long provider messages are cut; the status line only needs the start.</summary>
    public static string Shorten(string error) => error.Length <= 1000 ? error : error[..1000] + "…";
}
