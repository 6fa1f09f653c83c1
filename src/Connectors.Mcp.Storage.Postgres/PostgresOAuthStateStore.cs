using System.Security.Cryptography;
using System.Text;
using Connectors.Mcp.Core.Security;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Core.Storage.Persistence;
using Connectors.Mcp.Storage.Postgres.Internal;

namespace Connectors.Mcp.Storage.Postgres;

/// <summary>
/// Pending OAuth authorizations (<c>oauth_states</c>), as on SQLite: the state kept only as its SHA-256, the PKCE
/// verifier encrypted and bound to its row, and erased in the transaction that marks the state redeemed.
/// </summary>
public sealed class PostgresOAuthStateStore(PostgresDatabase database, TimeProvider time, SecretProtector protector) : IOAuthStateStore
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
        await database.WriteAsync(async (connection, transaction, ct) =>
        {
            await StoreCommand.Create(connection, transaction, "DELETE FROM oauth_states WHERE expires_at < @cutoff")
                .Bind("cutoff", StorageTime.Now(time) - Retention)
                .ExecuteAsync(ct);

            // The connector must be the workspace's: one statement inserts nothing otherwise.
            var inserted = await StoreCommand.Create(connection, transaction,
                    """
                    INSERT INTO oauth_states (state_hash, workspace_id, connector_id, redirect_uri, verifier_encrypted, created_at, expires_at, redeemed_at)
                    SELECT @state_hash, c.workspace_id, c.id, @redirect_uri, @verifier, @created_at, @expires_at, NULL
                    FROM workspace_connectors c WHERE c.id = @connector_id AND c.workspace_id = @workspace_id
                    """)
                .Bind("state_hash", stateHash)
                .Bind("workspace_id", authorization.WorkspaceId)
                .Bind("connector_id", authorization.ConnectorId)
                .Bind("redirect_uri", authorization.RedirectUri)
                .Bind("verifier", encrypted)
                .Bind("created_at", authorization.CreatedAt)
                .Bind("expires_at", authorization.ExpiresAt)
                .ExecuteAsync(ct);
            if (inserted == 0)
            {
                throw NotFound.Connector(authorization.ConnectorId);
            }
        }, cancellationToken);
    }

    /// <summary>
    /// Cross-instance guarantee: one conditional <c>UPDATE … WHERE redeemed_at IS NULL</c> whose <c>RETURNING</c> hands
    /// back the verifier it erases (from the row version it locked), so of any number of concurrent redemptions exactly
    /// one gets the verifier; the others find the state spent.
    /// </summary>
    public async Task<OAuthStateRedemption> RedeemAsync(string state, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(state))
        {
            return OAuthStateRedemption.Unknown;
        }

        var stateHash = Hash(state);
        var (row, redeemedNow) = await database.WriteAsync<(StateRow? Row, bool RedeemedNow)>(async (connection, transaction, ct) =>
        {
            var redeemed = await StoreCommand.Create(connection, transaction,
                    """
                    UPDATE oauth_states s SET redeemed_at = @now, verifier_encrypted = NULL
                    FROM (SELECT state_hash, verifier_encrypted FROM oauth_states WHERE state_hash = @state_hash FOR UPDATE) old
                    WHERE s.state_hash = old.state_hash AND s.redeemed_at IS NULL
                    RETURNING s.workspace_id, s.connector_id, s.redirect_uri, old.verifier_encrypted, s.created_at, s.expires_at
                    """)
                .Bind("now", StorageTime.Now(time))
                .Bind("state_hash", stateHash)
                .OneAsync(r => new StateRow(r.GetString(0), r.GetString(1), r.GetString(2), r.GetNullableBytes(3), r.GetTime(4), r.GetTime(5)), ct);
            if (redeemed is not null)
            {
                return (redeemed, true);
            }

            var known = await StoreCommand.Create(connection, transaction, "SELECT 1 FROM oauth_states WHERE state_hash = @state_hash")
                .Bind("state_hash", stateHash)
                .ScalarAsync(ct);
            return (known is null ? null : new StateRow("", "", "", null, default, default), false);
        }, cancellationToken);

        if (row is null)
        {
            return OAuthStateRedemption.Unknown;
        }

        if (!redeemedNow || row.VerifierEncrypted is null)
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
            state, row.WorkspaceId, row.ConnectorId, row.RedirectUri, verifier, row.CreatedAt, row.ExpiresAt));
    }

    internal static string Hash(string state) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(state)));

    private sealed record StateRow(string WorkspaceId, string ConnectorId, string RedirectUri, byte[]? VerifierEncrypted, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);
}
