using System.Security.Cryptography;
using System.Text.Json;
using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Core.Instructions;
using Connectors.Mcp.Core.Security;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Core.Storage.Persistence;
using Connectors.Mcp.Storage.Sqlite.Internal;

namespace Connectors.Mcp.Storage.Sqlite;

/// <summary>
/// OAuth tokens (<c>connector_credentials</c>) and OAuth clients (<c>oauth_clients</c>), encrypted with
/// <see cref="SecretProtector"/>. Tokens are bound to their workspace and connector, a client secret to its provider,
/// so a ciphertext copied to another row does not decrypt. Encryption happens outside the write transaction. The refresh
/// protocol's lease, version check and back-off live on the same row (see <see cref="CredentialRefreshCoordinator"/>).
/// </summary>
public sealed class SqliteCredentialStore(SqliteDatabase database, TimeProvider time, SecretProtector protector) : ICredentialStore
{
    public Task<OAuthTokens?> GetTokensAsync(string workspaceId, string connectorId, CancellationToken cancellationToken) =>
        database.ReadAsync(connection =>
        {
            using var reader = connection.Command("SELECT tokens_encrypted FROM connector_credentials WHERE connector_id = $connector_id AND workspace_id = $workspace_id;")
                .With("$connector_id", connectorId)
                .With("$workspace_id", workspaceId)
                .ExecuteReader();
            return reader.Read() ? StoredSecrets.DecryptTokens(protector, (byte[])reader.GetValue(0), workspaceId, connectorId) : null;
        }, cancellationToken);

    public Task<StoredCredential?> GetStoredCredentialAsync(string workspaceId, string connectorId, CancellationToken cancellationToken) =>
        database.ReadAsync(connection =>
        {
            using var reader = connection.Command(
                """
                SELECT c.tokens_encrypted, c.version, w.credential_state, c.refresh_lease_until, c.refresh_blocked_until
                FROM connector_credentials c JOIN workspace_connectors w ON w.id = c.connector_id
                WHERE c.connector_id = $connector_id AND c.workspace_id = $workspace_id;
                """)
                .With("$connector_id", connectorId)
                .With("$workspace_id", workspaceId)
                .ExecuteReader();
            if (!reader.Read())
            {
                return null;
            }

            var state = CredentialStates.Effective(
                CredentialStateNames.Parse(reader.GetString(2)), StorageTime.ParseNullable(reader.GetNullableString(3)), StorageTime.Now(time));
            return new StoredCredential(
                StoredSecrets.DecryptTokens(protector, (byte[])reader.GetValue(0), workspaceId, connectorId),
                reader.GetInt64(1),
                state,
                StorageTime.ParseNullable(reader.GetNullableString(4)));
        }, cancellationToken);

    public async Task SaveTokensAsync(string workspaceId, string connectorId, OAuthTokens tokens, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var encrypted = protector.Protect(TokenJson.Serialize(tokens), SecretProtector.ConnectorContext(workspaceId, connectorId));
        await database.WriteAsync(connection =>
        {
            var connector = ConnectorRow.Find(connection, connectorId);
            if (connector is null || connector.WorkspaceId != workspaceId)
            {
                throw NotFound.Connector(connectorId);
            }

            // A new grant: a refresh in flight for the old one loses its lease and, at its save, the version check.
            var now = StorageTime.ToText(StorageTime.Now(time));
            connection.Command(
                """
                INSERT INTO connector_credentials (connector_id, workspace_id, tokens_encrypted, expires_at, version, revoked_at, created_at, updated_at)
                VALUES ($connector_id, $workspace_id, $tokens_encrypted, $expires_at, 1, NULL, $now, $now)
                ON CONFLICT (connector_id) DO UPDATE SET
                    tokens_encrypted = excluded.tokens_encrypted, expires_at = excluded.expires_at,
                    version = connector_credentials.version + 1, revoked_at = NULL, updated_at = excluded.updated_at,
                    refresh_lease_owner = NULL, refresh_lease_until = NULL, refresh_failures = 0, refresh_blocked_until = NULL;
                """)
                .With("$connector_id", connectorId)
                .With("$workspace_id", workspaceId)
                .With("$tokens_encrypted", encrypted)
                .With("$expires_at", StorageTime.ToText(tokens.ExpiresAt))
                .With("$now", now)
                .Execute();
            CredentialStates.Set(connection, connectorId, CredentialState.Active);

            // New tokens are the reconnect needs_reauth was waiting for. Disabled stays disabled; error waits for a
            // successful call (a token refresh alone says nothing about why calls failed).
            if (connector.Status == ConnectorStatus.NeedsReauth)
            {
                connection.Command("UPDATE workspace_connectors SET last_error = NULL, consecutive_failures = 0 WHERE id = $id;").With("$id", connectorId).Execute();
                ConnectorRow.SetStatus(connection, connector, ConnectorStatus.Active, now);
            }
        }, cancellationToken);
    }

    public Task DeleteTokensAsync(string connectorId, CancellationToken cancellationToken) =>
        database.WriteAsync(connection =>
        {
            var connector = ConnectorRow.Get(connection, connectorId);
            connection.Command("DELETE FROM connector_credentials WHERE connector_id = $id;").With("$id", connectorId).Execute();
            // A server-to-server app is a credential too: a disconnected connector must not keep acting through it.
            connection.Command("DELETE FROM connector_server_apps WHERE connector_id = $id;").With("$id", connectorId).Execute();
            CredentialStates.Set(connection, connectorId, CredentialState.Revoked);

            // Without tokens a working connector cannot work until it is reconnected; disabled stays disabled.
            if (connector.Status is ConnectorStatus.Active or ConnectorStatus.Error)
            {
                ConnectorRow.SetStatus(connection, connector, ConnectorStatus.NeedsReauth, StorageTime.ToText(StorageTime.Now(time)));
            }
            else if (connector.CredentialState != CredentialState.Revoked)
            {
                // The status did not move, but cached catalogs hold the connector with its old credential state (the
                // reconnect message of a needs_reauth tool says "disconnected" from it).
                WorkspaceRow.BumpCatalogVersion(connection, connector.WorkspaceId);
            }
        }, cancellationToken);

    public Task<RefreshLeaseResult> TryAcquireRefreshLeaseAsync(
        string workspaceId, string connectorId, long fromVersion, string owner, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        return database.WriteAsync(connection =>
        {
            // Read and write in one immediate transaction: no other connection or process can take the lease in between.
            var row = RefreshRow.Find(connection, workspaceId, connectorId);
            if (row is null || row.State != CredentialState.Active)
            {
                return new RefreshLeaseResult(RefreshLeaseStatus.Unavailable);
            }

            var now = StorageTime.Now(time);
            if (row.Version != fromVersion)
            {
                return new RefreshLeaseResult(RefreshLeaseStatus.Superseded);
            }

            if (row.BlockedUntil is { } blocked && blocked > now)
            {
                return new RefreshLeaseResult(RefreshLeaseStatus.BackingOff, blocked);
            }

            if (row.LeaseUntil is { } held && held > now && !string.Equals(row.LeaseOwner, owner, StringComparison.Ordinal))
            {
                return new RefreshLeaseResult(RefreshLeaseStatus.Held, held);
            }

            var until = StorageTime.Truncate(now + duration);
            connection.Command("UPDATE connector_credentials SET refresh_lease_owner = $owner, refresh_lease_until = $until WHERE connector_id = $id;")
                .With("$owner", owner)
                .With("$until", StorageTime.ToText(until))
                .With("$id", connectorId)
                .Execute();
            return new RefreshLeaseResult(RefreshLeaseStatus.Acquired, until);
        }, cancellationToken);
    }

    public async Task<StoredCredential?> SaveRefreshedTokensAsync(
        string workspaceId, string connectorId, OAuthTokens tokens, long fromVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var encrypted = protector.Protect(TokenJson.Serialize(tokens), SecretProtector.ConnectorContext(workspaceId, connectorId));
        return await database.WriteAsync(connection =>
        {
            // The version check: only the refresh that started from the stored tokens may replace them, and only while
            // the grant is active (not refused or disconnected in the meantime).
            var changed = connection.Command(
                """
                UPDATE connector_credentials SET
                    tokens_encrypted = $tokens_encrypted, expires_at = $expires_at, version = version + 1, revoked_at = NULL, updated_at = $now,
                    refresh_lease_owner = NULL, refresh_lease_until = NULL, refresh_failures = 0, refresh_blocked_until = NULL
                WHERE connector_id = $connector_id AND workspace_id = $workspace_id AND version = $from_version
                    AND EXISTS (SELECT 1 FROM workspace_connectors w WHERE w.id = $connector_id AND w.credential_state = 'active');
                """)
                .With("$tokens_encrypted", encrypted)
                .With("$expires_at", StorageTime.ToText(tokens.ExpiresAt))
                .With("$now", StorageTime.ToText(StorageTime.Now(time)))
                .With("$connector_id", connectorId)
                .With("$workspace_id", workspaceId)
                .With("$from_version", fromVersion)
                .Execute();
            return changed == 0 ? null : new StoredCredential(tokens, fromVersion + 1, CredentialState.Active);
        }, cancellationToken);
    }

    public Task<DateTimeOffset> RecordRefreshFailureAsync(string workspaceId, string connectorId, string owner, CancellationToken cancellationToken) =>
        database.WriteAsync(connection =>
        {
            var now = StorageTime.Now(time);
            var failures = connection.Command("SELECT refresh_failures FROM connector_credentials WHERE connector_id = $id AND workspace_id = $workspace_id;")
                .With("$id", connectorId)
                .With("$workspace_id", workspaceId)
                .ExecuteScalar() as long?;
            if (failures is null)
            {
                return now; // disconnected meanwhile: nothing to back off
            }

            var count = (int)Math.Min(failures.Value + 1, int.MaxValue);
            var until = StorageTime.Truncate(now + TokenRefreshBackoff.After(count));
            connection.Command(
                """
                UPDATE connector_credentials SET
                    refresh_failures = $failures, refresh_blocked_until = $until,
                    refresh_lease_until = CASE WHEN refresh_lease_owner = $owner THEN NULL ELSE refresh_lease_until END,
                    refresh_lease_owner = CASE WHEN refresh_lease_owner = $owner THEN NULL ELSE refresh_lease_owner END
                WHERE connector_id = $id;
                """)
                .With("$failures", count)
                .With("$until", StorageTime.ToText(until))
                .With("$owner", owner)
                .With("$id", connectorId)
                .Execute();
            return until;
        }, cancellationToken);

    public Task ReleaseRefreshLeaseAsync(string workspaceId, string connectorId, string owner, CancellationToken cancellationToken) =>
        database.WriteAsync(connection =>
            connection.Command(
                """
                UPDATE connector_credentials SET refresh_lease_owner = NULL, refresh_lease_until = NULL
                WHERE connector_id = $id AND workspace_id = $workspace_id AND refresh_lease_owner = $owner;
                """)
                .With("$id", connectorId)
                .With("$workspace_id", workspaceId)
                .With("$owner", owner)
                .Execute(), cancellationToken);

    public async Task SetOAuthClientAsync(OAuthClientCredentials client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ProviderKeys.Validate(client.Provider);
        if (string.IsNullOrWhiteSpace(client.ClientId))
        {
            throw new ArgumentException("The OAuth client id is empty; pass --client-id with the id from the provider's console.", nameof(client));
        }

        var encryptedSecret = client.ClientSecret is null ? null : protector.Protect(client.ClientSecret, SecretProtector.OAuthClientContext(client.Provider));
        await database.WriteAsync(connection =>
            connection.Command(
                """
                INSERT INTO oauth_clients (provider, client_id, client_secret_encrypted, updated_at) VALUES ($provider, $client_id, $secret, $now)
                ON CONFLICT (provider) DO UPDATE SET
                    client_id = excluded.client_id, client_secret_encrypted = excluded.client_secret_encrypted, updated_at = excluded.updated_at;
                """)
                .With("$provider", client.Provider)
                .With("$client_id", client.ClientId)
                .With("$secret", encryptedSecret)
                .With("$now", StorageTime.ToText(StorageTime.Now(time)))
                .Execute(), cancellationToken);
    }

    public async Task<OAuthClientCredentials?> GetOAuthClientAsync(string provider, CancellationToken cancellationToken)
    {
        ProviderKeys.Validate(provider);
        return await database.ReadAsync(connection =>
        {
            using var reader = connection.Command("SELECT client_id, client_secret_encrypted FROM oauth_clients WHERE provider = $provider;")
                .With("$provider", provider)
                .ExecuteReader();
            if (!reader.Read())
            {
                return null;
            }

            var encryptedSecret = reader.GetNullableBytes(1);
            string? secret = null;
            if (encryptedSecret is not null)
            {
                try
                {
                    secret = protector.Unprotect(encryptedSecret, SecretProtector.OAuthClientContext(provider));
                }
                catch (CryptographicException)
                {
                    throw new InvalidStateException(
                        $"The stored {provider} OAuth client secret cannot be decrypted (the master key changed, or the row was altered); set it again with {CliInstructions.OAuthClientSet(provider, "ID", "SECRET")}.");
                }
            }

            return new OAuthClientCredentials(provider, reader.GetString(0), secret);
        }, cancellationToken);
    }

    public async Task SetServerAppAsync(string workspaceId, string connectorId, ServerAppCredentials app, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        var encrypted = protector.Protect(app.ClientSecret, SecretProtector.ServerAppContext(workspaceId, connectorId));
        await database.WriteAsync(connection =>
        {
            var connector = ConnectorRow.Find(connection, connectorId);
            if (connector is null || connector.WorkspaceId != workspaceId)
            {
                throw NotFound.Connector(connectorId);
            }

            var now = StorageTime.ToText(StorageTime.Now(time));
            connection.Command(
                """
                INSERT INTO connector_server_apps (connector_id, workspace_id, account_id, client_id, client_secret_encrypted, updated_at)
                VALUES ($connector_id, $workspace_id, $account_id, $client_id, $secret, $now)
                ON CONFLICT (connector_id) DO UPDATE SET
                    account_id = excluded.account_id, client_id = excluded.client_id,
                    client_secret_encrypted = excluded.client_secret_encrypted, updated_at = excluded.updated_at;
                """)
                .With("$connector_id", connectorId)
                .With("$workspace_id", workspaceId)
                .With("$account_id", app.AccountId)
                .With("$client_id", app.ClientId)
                .With("$secret", encrypted)
                .With("$now", now)
                .Execute();

            // Credentials to act with are what needs_reauth was waiting for, as with a new grant; disabled stays disabled.
            if (connector.Status == ConnectorStatus.NeedsReauth)
            {
                connection.Command("UPDATE workspace_connectors SET last_error = NULL, consecutive_failures = 0 WHERE id = $id;").With("$id", connectorId).Execute();
                ConnectorRow.SetStatus(connection, connector, ConnectorStatus.Active, now);
            }
        }, cancellationToken);
    }

    public async Task<ServerAppCredentials?> GetServerAppAsync(string workspaceId, string connectorId, CancellationToken cancellationToken) =>
        await database.ReadAsync(connection =>
        {
            using var reader = connection.Command(
                    "SELECT account_id, client_id, client_secret_encrypted FROM connector_server_apps WHERE connector_id = $connector_id AND workspace_id = $workspace_id;")
                .With("$connector_id", connectorId)
                .With("$workspace_id", workspaceId)
                .ExecuteReader();
            if (!reader.Read())
            {
                return null;
            }

            try
            {
                var secret = protector.Unprotect(reader.GetNullableBytes(2)!, SecretProtector.ServerAppContext(workspaceId, connectorId));
                return new ServerAppCredentials(reader.GetString(0), reader.GetString(1), secret);
            }
            catch (CryptographicException)
            {
                throw new InvalidStateException(
                    $"The stored server-to-server app secret of connector {connectorId} cannot be decrypted (the master key changed, or the row was altered); set it again with {CliInstructions.ConnectorSetClientCredentials(connectorId)}.");
            }
        }, cancellationToken);

}
