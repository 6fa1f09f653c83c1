using System.Security.Cryptography;
using Connectors.Mcp.Core.Security;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Core.Storage.Persistence;
using Connectors.Mcp.Storage.Postgres.Internal;
using Npgsql;

namespace Connectors.Mcp.Storage.Postgres;

/// <summary>
/// Idempotency records (<c>idempotency_keys</c>) on PostgreSQL, as on SQLite: the result is AES-256-GCM ciphertext
/// bound to workspace and key; records expire and are purged by later claims.
/// </summary>
public sealed class PostgresIdempotencyStore(PostgresDatabase database, TimeProvider time, SecretProtector protector) : IIdempotencyStore
{
    private const string Columns =
        "workspace_id, key, fingerprint, tool, status, claim_id, result_encrypted, audit_row_id, created_at, claimed_at, completed_at, expires_at";

    // A claim meets a row released between its insert attempt and its read at most this often before giving up.
    private const int MaxClaimAttempts = 10;

    /// <summary>
    /// Cross-instance guarantee: <c>INSERT … ON CONFLICT DO NOTHING</c> (the primary key decides between concurrent
    /// inserts, the loser waiting for the winner's commit), and otherwise the existing row locked with
    /// <c>SELECT … FOR UPDATE</c> before a stale claim is taken over — so of any number of concurrent claims one wins.
    /// </summary>
    public Task<IdempotencyClaim> ClaimAsync(string workspaceId, string key, string fingerprint, string tool, TimeSpan lifetime, TimeSpan staleAfter, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        var now = StorageTime.Now(time);
        var claimId = NewClaimId();
        return database.WriteAsync(async (connection, transaction, ct) =>
        {
            await StoreCommand.Create(connection, transaction, "DELETE FROM idempotency_keys WHERE expires_at <= @now").Bind("now", now).ExecuteAsync(ct);
            var record = new IdempotencyRecord(workspaceId, key, fingerprint, tool, IdempotencyStatus.Running, claimId, null, null, now, now, null, StorageTime.Truncate(now + lifetime));
            for (var attempt = 1; ; attempt++)
            {
                var inserted = await StoreCommand.Create(connection, transaction,
                        """
                        INSERT INTO idempotency_keys (workspace_id, key, fingerprint, tool, status, claim_id, created_at, claimed_at, expires_at)
                        VALUES (@workspace_id, @key, @fingerprint, @tool, 'running', @claim_id, @now, @now, @expires_at)
                        ON CONFLICT (workspace_id, key) DO NOTHING
                        """)
                    .Bind("workspace_id", workspaceId)
                    .Bind("key", key)
                    .Bind("fingerprint", fingerprint)
                    .Bind("tool", tool)
                    .Bind("claim_id", claimId)
                    .Bind("now", now)
                    .Bind("expires_at", record.ExpiresAt)
                    .ExecuteAsync(ct);
                if (inserted == 1)
                {
                    return new IdempotencyClaim(true, record);
                }

                var existing = await ReadOneAsync(connection, transaction, workspaceId, key, ct, forUpdate: true);
                if (existing is null)
                {
                    // Released (or purged) by its holder after our insert saw it: try the insert again.
                    if (attempt == MaxClaimAttempts)
                    {
                        throw new InvalidOperationException($"The idempotency key kept changing hands while being claimed ({attempt} attempts).");
                    }

                    continue;
                }

                var stale = existing.Status == IdempotencyStatus.Running && existing.ClaimedAt + staleAfter <= now && existing.Fingerprint == fingerprint;
                if (!stale)
                {
                    return new IdempotencyClaim(false, existing);
                }

                await StoreCommand.Create(connection, transaction,
                        "UPDATE idempotency_keys SET claim_id = @claim_id, claimed_at = @now WHERE workspace_id = @workspace_id AND key = @key")
                    .Bind("claim_id", claimId)
                    .Bind("now", now)
                    .Bind("workspace_id", workspaceId)
                    .Bind("key", key)
                    .ExecuteAsync(ct);
                return new IdempotencyClaim(true, existing with { ClaimId = claimId, ClaimedAt = now }, TookOverStaleClaim: true);
            }
        }, cancellationToken);
    }

    public Task<IdempotencyRecord?> FindAsync(string workspaceId, string key, CancellationToken cancellationToken)
    {
        var now = StorageTime.Now(time);
        return database.ReadAsync(async (connection, ct) =>
            await ReadOneAsync(connection, null, workspaceId, key, ct) is { } record && record.ExpiresAt > now ? record : null, cancellationToken);
    }

    /// <summary>A conditional update on the claim id: only the run holding the claim records the outcome.</summary>
    public Task<bool> CompleteAsync(string workspaceId, string key, string claimId, string resultJson, long? auditRowId, CancellationToken cancellationToken)
    {
        var encrypted = protector.Protect(resultJson, SecretContexts.IdempotencyResult(workspaceId, key));
        var now = StorageTime.Now(time);
        return database.WriteAsync(async (connection, transaction, ct) =>
            await StoreCommand.Create(connection, transaction,
                    """
                    UPDATE idempotency_keys SET status = 'succeeded', result_encrypted = @result, audit_row_id = @audit_row_id, completed_at = @now
                    WHERE workspace_id = @workspace_id AND key = @key AND claim_id = @claim_id AND status = 'running'
                    """)
                .Bind("result", encrypted)
                .Bind("audit_row_id", auditRowId)
                .Bind("now", now)
                .Bind("workspace_id", workspaceId)
                .Bind("key", key)
                .Bind("claim_id", claimId)
                .ExecuteAsync(ct) == 1, cancellationToken);
    }

    public Task ReleaseAsync(string workspaceId, string key, string claimId, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction, ct) =>
            StoreCommand.Create(connection, transaction,
                    "DELETE FROM idempotency_keys WHERE workspace_id = @workspace_id AND key = @key AND claim_id = @claim_id AND status = 'running'")
                .Bind("workspace_id", workspaceId)
                .Bind("key", key)
                .Bind("claim_id", claimId)
                .ExecuteAsync(ct), cancellationToken);

    private Task<IdempotencyRecord?> ReadOneAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string workspaceId, string key, CancellationToken cancellationToken, bool forUpdate = false) =>
        StoreCommand.Create(connection, transaction, $"SELECT {Columns} FROM idempotency_keys WHERE workspace_id = @workspace_id AND key = @key{(forUpdate ? " FOR UPDATE" : "")}")
            .Bind("workspace_id", workspaceId)
            .Bind("key", key)
            .OneAsync(Read, cancellationToken);

    private IdempotencyRecord Read(NpgsqlDataReader reader)
    {
        var workspaceId = reader.GetString(0);
        var key = reader.GetString(1);
        var encrypted = reader.GetNullableBytes(6);
        return new IdempotencyRecord(
            workspaceId,
            key,
            reader.GetString(2),
            reader.GetString(3),
            reader.GetString(4) == "succeeded" ? IdempotencyStatus.Succeeded : IdempotencyStatus.Running,
            reader.GetString(5),
            encrypted is null ? null : protector.Unprotect(encrypted, SecretContexts.IdempotencyResult(workspaceId, key)),
            reader.GetNullableInt64(7),
            reader.GetTime(8),
            reader.GetTime(9),
            reader.GetNullableTime(10),
            reader.GetTime(11));
    }

    private static string NewClaimId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
}
