using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Core.Storage.Persistence;

namespace Connectors.Mcp.Storage.Sqlite.Internal;

/// <summary>The refresh-protocol columns of one <c>connector_credentials</c> row, with its grant's stored state.</summary>
internal sealed record RefreshRow(long Version, CredentialState State, string? LeaseOwner, DateTimeOffset? LeaseUntil, DateTimeOffset? BlockedUntil)
{
    public static RefreshRow? Find(PooledConnection connection, string workspaceId, string connectorId)
    {
        using var reader = connection.Command(
            """
            SELECT c.version, w.credential_state, c.refresh_lease_owner, c.refresh_lease_until, c.refresh_blocked_until
            FROM connector_credentials c JOIN workspace_connectors w ON w.id = c.connector_id
            WHERE c.connector_id = $connector_id AND c.workspace_id = $workspace_id;
            """)
            .With("$connector_id", connectorId)
            .With("$workspace_id", workspaceId)
            .ExecuteReader();
        return reader.Read()
            ? new RefreshRow(
                reader.GetInt64(0),
                CredentialStateNames.Parse(reader.GetString(1)),
                reader.GetNullableString(2),
                StorageTime.ParseNullable(reader.GetNullableString(3)),
                StorageTime.ParseNullable(reader.GetNullableString(4)))
            : null;
    }
}
