using System.Security.Cryptography;
using System.Text;
using Connectors.Mcp.Core.Security;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Core.Storage.Persistence;
using Connectors.Mcp.Storage.Sqlite.Internal;

namespace Connectors.Mcp.Storage.Sqlite;

/// <summary>
/// Pending OAuth authorizations (<c>oauth_states</c>). The state is kept only as its SHA-256, so reading the database
/// does not reveal a state to present; the PKCE verifier is encrypted with <see cref="SecretProtector"/>, bound to its
/// row, and erased in the same immediate transaction that marks the state redeemed — so a state works once, and a
/// verifier read from a backup later belongs to a spent state.
/// </summary>
public sealed class SqliteOAuthStateStore(SqliteDatabase database, TimeProvider time, SecretProtector protector) : IOAuthStateStore
{
    /// <summary>How long an expired or redeemed row is kept (so a late replay is reported as such) before it is purged.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(1);

    public async Task SaveAsync(OAuthPendingAuthorization authorization, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        ArgumentException.ThrowIfNullOrEmpty(authorization.State);
        ArgumentException.ThrowIfNullOrEmpty(authorization.CodeVerifier);
        var stateHash = Hash(authorization.State);
        var encrypted = protector.Protect(authorization.CodeVerifier, SecretContexts.OAuthState(authorization.WorkspaceId, authorization.ConnectorId, stateHash));
        await database.WriteAsync(connection =>
        {
            var connector = ConnectorRow.Find(connection, authorization.ConnectorId);
            if (connector is null || connector.WorkspaceId != authorization.WorkspaceId)
            {
                throw NotFound.Connector(authorization.ConnectorId);
            }

            connection.Command("DELETE FROM oauth_states WHERE expires_at < $cutoff;")
                .With("$cutoff", StorageTime.ToText(StorageTime.Now(time) - Retention))
                .Execute();
            connection.Command(
                """
                INSERT INTO oauth_states (state_hash, workspace_id, connector_id, redirect_uri, verifier_encrypted, created_at, expires_at, redeemed_at)
                VALUES ($state_hash, $workspace_id, $connector_id, $redirect_uri, $verifier, $created_at, $expires_at, NULL);
                """)
                .With("$state_hash", stateHash)
                .With("$workspace_id", authorization.WorkspaceId)
                .With("$connector_id", authorization.ConnectorId)
                .With("$redirect_uri", authorization.RedirectUri)
                .With("$verifier", encrypted)
                .With("$created_at", StorageTime.ToText(authorization.CreatedAt))
                .With("$expires_at", StorageTime.ToText(authorization.ExpiresAt))
                .Execute();
        }, cancellationToken);
    }

    public async Task<OAuthStateRedemption> RedeemAsync(string state, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(state))
        {
            return OAuthStateRedemption.Unknown;
        }

        var stateHash = Hash(state);
        var row = await database.WriteAsync(connection =>
        {
            StateRow? found;
            using (var reader = connection.Command(
                "SELECT workspace_id, connector_id, redirect_uri, verifier_encrypted, created_at, expires_at, redeemed_at FROM oauth_states WHERE state_hash = $state_hash;")
                .With("$state_hash", stateHash)
                .ExecuteReader())
            {
                found = reader.Read()
                    ? new StateRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetNullableBytes(3), reader.GetString(4), reader.GetString(5), reader.GetNullableString(6))
                    : null;
            }

            if (found is { RedeemedAt: null })
            {
                connection.Command("UPDATE oauth_states SET redeemed_at = $now, verifier_encrypted = NULL WHERE state_hash = $state_hash;")
                    .With("$now", StorageTime.ToText(StorageTime.Now(time)))
                    .With("$state_hash", stateHash)
                    .Execute();
            }

            return found;
        }, cancellationToken);

        if (row is null)
        {
            return OAuthStateRedemption.Unknown;
        }

        if (row.RedeemedAt is not null || row.VerifierEncrypted is null)
        {
            return OAuthStateRedemption.AlreadyUsed;
        }

        string verifier;
        try
        {
            verifier = protector.Unprotect(row.VerifierEncrypted, SecretContexts.OAuthState(row.WorkspaceId, row.ConnectorId, stateHash));
        }
        catch (CryptographicException)
        {
            // The master key changed or the row was altered: the state cannot be completed; it is spent either way.
            return OAuthStateRedemption.Unknown;
        }

        return new OAuthStateRedemption(OAuthStateStatus.Redeemed, new OAuthPendingAuthorization(
            state, row.WorkspaceId, row.ConnectorId, row.RedirectUri, verifier, StorageTime.Parse(row.CreatedAt), StorageTime.Parse(row.ExpiresAt)));
    }

    internal static string Hash(string state) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(state)));

    private sealed record StateRow(string WorkspaceId, string ConnectorId, string RedirectUri, byte[]? VerifierEncrypted, string CreatedAt, string ExpiresAt, string? RedeemedAt);
}
