using System.Security.Cryptography;
using System.Text.Json;
using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Core.Instructions;
using Connectors.Mcp.Core.Security;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Core.Storage.Persistence;
using Connectors.Mcp.Storage.Postgres.Internal;
using Npgsql;

namespace Connectors.Mcp.Storage.Postgres;

/// <summary>
/// OAuth tokens (<c>connector_credentials</c>), OAuth clients (<c>oauth_clients</c>) and server-to-server apps
/// (<c>connector_server_apps</c>), as <c>SqliteCredentialStore</c> keeps them: encrypted with <see cref="SecretProtector"/>
/// bound to the same associated data (workspace and connector; provider), outside the write transaction. The refresh
/// protocol's lease, version check and back-off live on the credential row; every step of it is one conditional
/// statement on that row, so instances on one database agree on who refreshes (see <see cref="CredentialRefreshCoordinator"/>).
/// </summary>
public sealed class PostgresCredentialStore(PostgresDatabase database, TimeProvider time, SecretProtector protector) : ICredentialStore
{
    public Task<OAuthTokens?> GetTokensAsync(string workspaceId, string connectorId, CancellationToken cancellationToken) =>
        database.ReadAsync(async (connection, ct) =>
        {
            var encrypted = await connection.Command("SELECT tokens_encrypted FROM connector_credentials WHERE connector_id = @connector_id AND workspace_id = @workspace_id")
                .With("connector_id", connectorId)
                .With("workspace_id", workspaceId)
                .ScalarAsync(ct) as byte[];
            return encrypted is null ? null : StoredSecrets.DecryptTokens(protector, encrypted, workspaceId, connectorId);
        }, cancellationToken);

    public Task<StoredCredential?> GetStoredCredentialAsync(string workspaceId, string connectorId, CancellationToken cancellationToken) =>
        database.ReadAsync(
            (connection, ct) => connection.Command(
                    """
                    SELECT c.tokens_encrypted, c.version, w.credential_state, c.refresh_lease_until, c.refresh_blocked_until
                    FROM connector_credentials c JOIN workspace_connectors w ON w.id = c.connector_id
                    WHERE c.connector_id = @connector_id AND c.workspace_id = @workspace_id
                    """)
                .With("connector_id", connectorId)
                .With("workspace_id", workspaceId)
                .OneAsync(
                    r => new StoredCredential(
                        StoredSecrets.DecryptTokens(protector, r.GetFieldValue<byte[]>(0), workspaceId, connectorId),
                        r.GetInt64(1),
                        EffectiveCredentialState.Of(CredentialStateNames.Parse(r.GetString(2)), r.GetNullableTime(3), StorageTime.Now(time)),
                        r.GetNullableTime(4)),
                    ct),
            cancellationToken);

    /// <summary>
    /// Cross-instance: the connector row is locked first; <c>INSERT … ON CONFLICT DO UPDATE</c> moves the version, so a
    /// refresh in flight for the old grant (any instance) loses its lease and, at its save, the version check.
    /// </summary>
    public async Task SaveTokensAsync(string workspaceId, string connectorId, OAuthTokens tokens, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var encrypted = protector.Protect(TokenJson.Serialize(tokens), SecretProtector.ConnectorContext(workspaceId, connectorId));
        await database.WriteAsync(async (connection, _, ct) =>
        {
            var connector = await LockConnectorAsync(connection, workspaceId, connectorId, ct);
            var now = StorageTime.Now(time);
            await connection.Command(
                    """
                    INSERT INTO connector_credentials (connector_id, workspace_id, tokens_encrypted, expires_at, version, revoked_at, created_at, updated_at)
                    VALUES (@connector_id, @workspace_id, @tokens_encrypted, @expires_at, 1, NULL, @now, @now)
                    ON CONFLICT (connector_id) DO UPDATE SET
                        tokens_encrypted = excluded.tokens_encrypted, expires_at = excluded.expires_at,
                        version = connector_credentials.version + 1, revoked_at = NULL, updated_at = excluded.updated_at,
                        refresh_lease_owner = NULL, refresh_lease_until = NULL, refresh_failures = 0, refresh_blocked_until = NULL
                    """)
                .With("connector_id", connectorId)
                .With("workspace_id", workspaceId)
                .With("tokens_encrypted", encrypted)
                .With("expires_at", tokens.ExpiresAt is { } expires ? StorageTime.Truncate(expires) : null)
                .With("now", now)
                .ExecuteAsync(ct);
            await ConnectorRow.SetCredentialStateAsync(connection, connectorId, CredentialState.Active, ct);

            // New tokens are the reconnect needs_reauth was waiting for. Disabled stays disabled; error waits for a
            // successful call (a token refresh alone says nothing about why calls failed).
            await ActivateAfterReconnectAsync(connection, connector, now, ct);
        }, cancellationToken);
    }

    public Task DeleteTokensAsync(string connectorId, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, _, ct) =>
        {
            var connector = await ConnectorRow.LockAsync(connection, connectorId, ct);
            await connection.Command("DELETE FROM connector_credentials WHERE connector_id = @id").With("id", connectorId).ExecuteAsync(ct);

            // A server-to-server app is a credential too: a disconnected connector must not keep acting through it.
            await connection.Command("DELETE FROM connector_server_apps WHERE connector_id = @id").With("id", connectorId).ExecuteAsync(ct);
            await ConnectorRow.SetCredentialStateAsync(connection, connectorId, CredentialState.Revoked, ct);

            // Without tokens a working connector cannot work until it is reconnected; disabled stays disabled.
            if (connector.Status is ConnectorStatus.Active or ConnectorStatus.Error)
            {
                await ConnectorRow.SetStatusAsync(connection, connector, ConnectorStatus.NeedsReauth, StorageTime.Now(time), ct);
            }
            else if (connector.CredentialState != CredentialState.Revoked)
            {
                // The status did not move, but cached catalogs hold the connector with its old credential state (the
                // reconnect message of a needs_reauth tool says "disconnected" from it).
                await WorkspaceRow.BumpCatalogVersionAsync(connection, connector.WorkspaceId, ct);
            }
        }, cancellationToken);

    /// <summary>
    /// Cross-instance: the compare-and-set is ONE conditional <c>UPDATE … WHERE version = @from AND (no live lease of
    /// another owner) AND (no back-off) AND (grant active) RETURNING</c>. PostgreSQL's row lock serialises concurrent
    /// updates of the row and re-checks the WHERE clause on the row the winner committed, so of any number of instances
    /// racing exactly one gets the lease. Only when it changes nothing is the row read, to say why.
    /// </summary>
    public Task<RefreshLeaseResult> TryAcquireRefreshLeaseAsync(
        string workspaceId, string connectorId, long fromVersion, string owner, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        return database.WriteAsync(async (connection, _, ct) =>
        {
            var now = StorageTime.Now(time);
            var until = StorageTime.Truncate(now + duration);

            // A lease released between a refused update and the read that explains it is tried for once more.
            for (var attempt = 1; ; attempt++)
            {
                if (await TryTakeLeaseAsync(connection, workspaceId, connectorId, fromVersion, owner, now, until, ct))
                {
                    return new RefreshLeaseResult(RefreshLeaseStatus.Acquired, until);
                }

                if (await WhyNotAsync(connection, workspaceId, connectorId, fromVersion, owner, now, ct) is { } refused)
                {
                    return refused;
                }

                if (attempt == 2)
                {
                    return new RefreshLeaseResult(RefreshLeaseStatus.Held, now); // free but contended: the caller polls again
                }
            }
        }, cancellationToken);
    }

    /// <summary>The lease compare-and-set: one conditional UPDATE of the credential row.</summary>
    private static Task<bool> TryTakeLeaseAsync(
        NpgsqlConnection connection, string workspaceId, string connectorId, long fromVersion, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken) =>
        connection.Command(
                """
                UPDATE connector_credentials SET refresh_lease_owner = @owner, refresh_lease_until = @until
                WHERE connector_id = @connector_id AND workspace_id = @workspace_id AND version = @from_version
                    AND (refresh_blocked_until IS NULL OR refresh_blocked_until <= @now)
                    AND (refresh_lease_until IS NULL OR refresh_lease_until <= @now OR refresh_lease_owner = @owner)
                    AND EXISTS (SELECT 1 FROM workspace_connectors w WHERE w.id = @connector_id AND w.credential_state = 'active')
                RETURNING refresh_lease_until
                """)
            .With("owner", owner)
            .With("until", until)
            .With("connector_id", connectorId)
            .With("workspace_id", workspaceId)
            .With("from_version", fromVersion)
            .With("now", now)
            .ExistsAsync(cancellationToken);

    /// <summary>Cross-instance: one conditional <c>UPDATE … WHERE version = @from</c>; of two refreshes from one version only the first saves.</summary>
    public async Task<StoredCredential?> SaveRefreshedTokensAsync(
        string workspaceId, string connectorId, OAuthTokens tokens, long fromVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var encrypted = protector.Protect(TokenJson.Serialize(tokens), SecretProtector.ConnectorContext(workspaceId, connectorId));
        return await database.WriteAsync(async (connection, _, ct) =>
        {
            // The version check: only the refresh that started from the stored tokens may replace them, and only while
            // the grant is active (not refused or disconnected in the meantime).
            var changed = await connection.Command(
                    """
                    UPDATE connector_credentials SET
                        tokens_encrypted = @tokens_encrypted, expires_at = @expires_at, version = version + 1, revoked_at = NULL, updated_at = @now,
                        refresh_lease_owner = NULL, refresh_lease_until = NULL, refresh_failures = 0, refresh_blocked_until = NULL
                    WHERE connector_id = @connector_id AND workspace_id = @workspace_id AND version = @from_version
                        AND EXISTS (SELECT 1 FROM workspace_connectors w WHERE w.id = @connector_id AND w.credential_state = 'active')
                    """)
                .With("tokens_encrypted", encrypted)
                .With("expires_at", tokens.ExpiresAt is { } expires ? StorageTime.Truncate(expires) : null)
                .With("now", StorageTime.Now(time))
                .With("connector_id", connectorId)
                .With("workspace_id", workspaceId)
                .With("from_version", fromVersion)
                .ExecuteAsync(ct);
            return changed == 0 ? null : new StoredCredential(tokens, fromVersion + 1, CredentialState.Active);
        }, cancellationToken);
    }

    /// <summary>Cross-instance: the credential row is locked (<c>FOR UPDATE</c>) before the failure count is read, so concurrent failures each count.</summary>
    public Task<DateTimeOffset> RecordRefreshFailureAsync(string workspaceId, string connectorId, string owner, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, _, ct) =>
        {
            var now = StorageTime.Now(time);
            var failures = await connection.Command(
                    "SELECT refresh_failures FROM connector_credentials WHERE connector_id = @id AND workspace_id = @workspace_id FOR NO KEY UPDATE")
                .With("id", connectorId)
                .With("workspace_id", workspaceId)
                .ScalarAsync(ct) as int?;
            if (failures is null)
            {
                return now; // disconnected meanwhile: nothing to back off
            }

            var count = failures.Value == int.MaxValue ? int.MaxValue : failures.Value + 1;
            var until = StorageTime.Truncate(now + TokenRefreshBackoff.After(count));
            await connection.Command(
                    """
                    UPDATE connector_credentials SET
                        refresh_failures = @failures, refresh_blocked_until = @until,
                        refresh_lease_until = CASE WHEN refresh_lease_owner = @owner THEN NULL ELSE refresh_lease_until END,
                        refresh_lease_owner = CASE WHEN refresh_lease_owner = @owner THEN NULL ELSE refresh_lease_owner END
                    WHERE connector_id = @id
                    """)
                .With("failures", count)
                .With("until", until)
                .With("owner", owner)
                .With("id", connectorId)
                .ExecuteAsync(ct);
            return until;
        }, cancellationToken);

    public Task ReleaseRefreshLeaseAsync(string workspaceId, string connectorId, string owner, CancellationToken cancellationToken) =>
        database.WriteAsync(
            (connection, _, ct) => connection.Command(
                    """
                    UPDATE connector_credentials SET refresh_lease_owner = NULL, refresh_lease_until = NULL
                    WHERE connector_id = @id AND workspace_id = @workspace_id AND refresh_lease_owner = @owner
                    """)
                .With("id", connectorId)
                .With("workspace_id", workspaceId)
                .With("owner", owner)
                .ExecuteAsync(ct),
            cancellationToken);

    public async Task SetOAuthClientAsync(OAuthClientCredentials client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ProviderKeys.Validate(client.Provider);
        if (string.IsNullOrWhiteSpace(client.ClientId))
        {
            throw new ArgumentException("The OAuth client id is empty; pass --client-id with the id from the provider's console.", nameof(client));
        }

        var encryptedSecret = client.ClientSecret is null ? null : protector.Protect(client.ClientSecret, SecretProtector.OAuthClientContext(client.Provider));
        await database.WriteAsync(
            (connection, _, ct) => connection.Command(
                    """
                    INSERT INTO oauth_clients (provider, client_id, client_secret_encrypted, updated_at) VALUES (@provider, @client_id, @secret, @now)
                    ON CONFLICT (provider) DO UPDATE SET
                        client_id = excluded.client_id, client_secret_encrypted = excluded.client_secret_encrypted, updated_at = excluded.updated_at
                    """)
                .With("provider", client.Provider)
                .With("client_id", client.ClientId)
                .With("secret", encryptedSecret)
                .With("now", StorageTime.Now(time))
                .ExecuteAsync(ct),
            cancellationToken);
    }

    public async Task<OAuthClientCredentials?> GetOAuthClientAsync(string provider, CancellationToken cancellationToken)
    {
        ProviderKeys.Validate(provider);
        var row = await database.ReadAsync(
            (connection, ct) => connection.Command("SELECT client_id, client_secret_encrypted FROM oauth_clients WHERE provider = @provider")
                .With("provider", provider)
                .OneAsync(r => (ClientId: r.GetString(0), Secret: r.GetNullableBytes(1)), ct),
            cancellationToken);
        if (row.ClientId is null)
        {
            return null;
        }

        string? secret = null;
        if (row.Secret is not null)
        {
            try
            {
                secret = protector.Unprotect(row.Secret, SecretProtector.OAuthClientContext(provider));
            }
            catch (CryptographicException)
            {
                throw new InvalidStateException(
                    $"The stored {provider} OAuth client secret cannot be decrypted (the master key changed, or the row was altered); set it again with {CliInstructions.OAuthClientSet(provider, "ID", "SECRET")}.");
            }
        }

        return new OAuthClientCredentials(provider, row.ClientId, secret);
    }

    public async Task SetServerAppAsync(string workspaceId, string connectorId, ServerAppCredentials app, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        var encrypted = protector.Protect(app.ClientSecret, SecretProtector.ServerAppContext(workspaceId, connectorId));
        await database.WriteAsync(async (connection, _, ct) =>
        {
            var connector = await LockConnectorAsync(connection, workspaceId, connectorId, ct);
            var now = StorageTime.Now(time);
            await connection.Command(
                    """
                    INSERT INTO connector_server_apps (connector_id, workspace_id, account_id, client_id, client_secret_encrypted, updated_at)
                    VALUES (@connector_id, @workspace_id, @account_id, @client_id, @secret, @now)
                    ON CONFLICT (connector_id) DO UPDATE SET
                        account_id = excluded.account_id, client_id = excluded.client_id,
                        client_secret_encrypted = excluded.client_secret_encrypted, updated_at = excluded.updated_at
                    """)
                .With("connector_id", connectorId)
                .With("workspace_id", workspaceId)
                .With("account_id", app.AccountId)
                .With("client_id", app.ClientId)
                .With("secret", encrypted)
                .With("now", now)
                .ExecuteAsync(ct);

            // Credentials to act with are what needs_reauth was waiting for, as with a new grant; disabled stays disabled.
            await ActivateAfterReconnectAsync(connection, connector, now, ct);
        }, cancellationToken);
    }

    public async Task<ServerAppCredentials?> GetServerAppAsync(string workspaceId, string connectorId, CancellationToken cancellationToken)
    {
        var row = await database.ReadAsync(
            (connection, ct) => connection.Command(
                    "SELECT account_id, client_id, client_secret_encrypted FROM connector_server_apps WHERE connector_id = @connector_id AND workspace_id = @workspace_id")
                .With("connector_id", connectorId)
                .With("workspace_id", workspaceId)
                .OneAsync(r => (AccountId: r.GetString(0), ClientId: r.GetString(1), Secret: r.GetFieldValue<byte[]>(2)), ct),
            cancellationToken);
        if (row.AccountId is null)
        {
            return null;
        }

        try
        {
            return new ServerAppCredentials(row.AccountId, row.ClientId, protector.Unprotect(row.Secret, SecretProtector.ServerAppContext(workspaceId, connectorId)));
        }
        catch (CryptographicException)
        {
            throw new InvalidStateException(
                $"The stored server-to-server app secret of connector {connectorId} cannot be decrypted (the master key changed, or the row was altered); set it again with {CliInstructions.ConnectorSetClientCredentials(connectorId)}.");
        }
    }

    /// <summary>Why the lease was not granted, in the order SQLite's store decides it; <c>null</c> when it is free by now.</summary>
    private static async Task<RefreshLeaseResult?> WhyNotAsync(
        NpgsqlConnection connection, string workspaceId, string connectorId, long fromVersion, string owner, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var row = await connection.Command(
                """
                SELECT c.version, w.credential_state, c.refresh_lease_owner, c.refresh_lease_until, c.refresh_blocked_until
                FROM connector_credentials c JOIN workspace_connectors w ON w.id = c.connector_id
                WHERE c.connector_id = @connector_id AND c.workspace_id = @workspace_id
                """)
            .With("connector_id", connectorId)
            .With("workspace_id", workspaceId)
            .OneAsync(r => (Found: true, Version: r.GetInt64(0), State: r.GetString(1), Owner: r.GetNullableString(2), LeaseUntil: r.GetNullableTime(3), Blocked: r.GetNullableTime(4)), cancellationToken);
        if (!row.Found || CredentialStateNames.Parse(row.State) != CredentialState.Active)
        {
            return new RefreshLeaseResult(RefreshLeaseStatus.Unavailable);
        }

        if (row.Version != fromVersion)
        {
            return new RefreshLeaseResult(RefreshLeaseStatus.Superseded);
        }

        if (row.Blocked is { } blocked && blocked > now)
        {
            return new RefreshLeaseResult(RefreshLeaseStatus.BackingOff, blocked);
        }

        if (row.LeaseUntil is { } held && held > now && !string.Equals(row.Owner, owner, StringComparison.Ordinal))
        {
            return new RefreshLeaseResult(RefreshLeaseStatus.Held, held);
        }

        return null; // released between the update and this read
    }

    /// <summary>The connector, locked, when it belongs to <paramref name="workspaceId"/>.</summary>
    private static async Task<ConnectorInstance> LockConnectorAsync(NpgsqlConnection connection, string workspaceId, string connectorId, CancellationToken cancellationToken)
    {
        var connector = await ConnectorRow.FindLockedAsync(connection, connectorId, cancellationToken);
        return connector is null || connector.WorkspaceId != workspaceId ? throw NotFound.Connector(connectorId) : connector;
    }

    private static async Task ActivateAfterReconnectAsync(NpgsqlConnection connection, ConnectorInstance connector, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (connector.Status == ConnectorStatus.NeedsReauth)
        {
            await connection.Command("UPDATE workspace_connectors SET last_error = NULL, consecutive_failures = 0 WHERE id = @id").With("id", connector.Id).ExecuteAsync(cancellationToken);
            await ConnectorRow.SetStatusAsync(connection, connector, ConnectorStatus.Active, now, cancellationToken);
        }
    }

}
