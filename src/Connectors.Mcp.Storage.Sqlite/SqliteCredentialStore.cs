using System.Security.Cryptography;
using System.Text.Json;
using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Core.Security;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Storage.Sqlite.Internal;

namespace Connectors.Mcp.Storage.Sqlite;

/// <summary>
/// OAuth tokens (<c>connector_credentials</c>) and OAuth clients (<c>oauth_clients</c>), encrypted with
/// <see cref="SecretProtector"/>. Tokens are bound to their workspace and connector, a client secret to its provider,
/// so a ciphertext copied to another row does not decrypt. Encryption happens outside the write transaction.
/// </summary>
public sealed class SqliteCredentialStore(SqliteDatabase database, TimeProvider time, SecretProtector protector) : ICredentialStore
{
    private static readonly string[] Providers = ["google", "microsoft", "zoom"];

    public Task<OAuthTokens?> GetTokensAsync(string workspaceId, string connectorId, CancellationToken cancellationToken) =>
        database.ReadAsync(connection =>
        {
            using var reader = connection.Command("SELECT tokens_encrypted FROM connector_credentials WHERE connector_id = $connector_id AND workspace_id = $workspace_id;")
                .With("$connector_id", connectorId)
                .With("$workspace_id", workspaceId)
                .ExecuteReader();
            return reader.Read() ? Decrypt((byte[])reader.GetValue(0), workspaceId, connectorId) : null;
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

            var now = SqliteTime.ToText(SqliteTime.Now(time));
            connection.Command(
                """
                INSERT INTO connector_credentials (connector_id, workspace_id, tokens_encrypted, expires_at, version, revoked_at, created_at, updated_at)
                VALUES ($connector_id, $workspace_id, $tokens_encrypted, $expires_at, 1, NULL, $now, $now)
                ON CONFLICT (connector_id) DO UPDATE SET
                    tokens_encrypted = excluded.tokens_encrypted, expires_at = excluded.expires_at,
                    version = connector_credentials.version + 1, revoked_at = NULL, updated_at = excluded.updated_at;
                """)
                .With("$connector_id", connectorId)
                .With("$workspace_id", workspaceId)
                .With("$tokens_encrypted", encrypted)
                .With("$expires_at", SqliteTime.ToText(tokens.ExpiresAt))
                .With("$now", now)
                .Execute();

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

            // Without tokens an active connector cannot work until it is reconnected.
            if (connector.Status == ConnectorStatus.Active)
            {
                ConnectorRow.SetStatus(connection, connector, ConnectorStatus.NeedsReauth, SqliteTime.ToText(SqliteTime.Now(time)));
            }
        }, cancellationToken);

    public async Task SetOAuthClientAsync(OAuthClientCredentials client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ValidateProvider(client.Provider);
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
                .With("$now", SqliteTime.ToText(SqliteTime.Now(time)))
                .Execute(), cancellationToken);
    }

    public async Task<OAuthClientCredentials?> GetOAuthClientAsync(string provider, CancellationToken cancellationToken)
    {
        ValidateProvider(provider);
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
                        $"The stored {provider} OAuth client secret cannot be decrypted (the master key changed, or the row was altered); set it again with `connectors-mcp oauth-client set {provider} --client-id ID --client-secret SECRET`.");
                }
            }

            return new OAuthClientCredentials(provider, reader.GetString(0), secret);
        }, cancellationToken);
    }

    private static void ValidateProvider(string provider)
    {
        if (!Providers.Contains(provider, StringComparer.Ordinal))
        {
            throw new ArgumentException($"Unknown OAuth provider '{provider}'; use google, microsoft or zoom.", nameof(provider));
        }
    }

    private OAuthTokens Decrypt(byte[] encrypted, string workspaceId, string connectorId)
    {
        try
        {
            return TokenJson.Deserialize(protector.Unprotect(encrypted, SecretProtector.ConnectorContext(workspaceId, connectorId)));
        }
        catch (Exception exception) when (exception is CryptographicException or JsonException or KeyNotFoundException or FormatException)
        {
            // Never the ciphertext or plaintext in the message: only which connector and what to do.
            throw new ReconnectRequiredException(
                $"The stored credentials of connector '{connectorId}' cannot be decrypted (the master key changed, or the row was copied or altered); it must be reconnected.",
                exception is CryptographicException ? exception : null);
        }
    }
}
