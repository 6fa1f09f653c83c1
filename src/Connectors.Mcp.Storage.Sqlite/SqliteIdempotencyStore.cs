using System.Security.Cryptography;
using Connectors.Mcp.Core.Security;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Core.Storage.Persistence;
using Connectors.Mcp.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace Connectors.Mcp.Storage.Sqlite;

/// <summary>
/// Idempotency records (<c>idempotency_keys</c>). A claim is one immediate transaction — purge the expired, read the
/// key, insert or take over — so two concurrent claims of one key (threads or processes) never both win. The result is
/// AES-256-GCM ciphertext bound to workspace and key.
/// </summary>
public sealed class SqliteIdempotencyStore(SqliteDatabase database, TimeProvider time, SecretProtector protector) : IIdempotencyStore
{
    private const string Columns =
        "workspace_id, key, fingerprint, tool, status, claim_id, result_encrypted, audit_row_id, created_at, claimed_at, completed_at, expires_at";

    public Task<IdempotencyClaim> ClaimAsync(string workspaceId, string key, string fingerprint, string tool, TimeSpan lifetime, TimeSpan staleAfter, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        var now = StorageTime.Now(time);
        var nowText = StorageTime.ToText(now);
        var claimId = NewClaimId();
        return database.WriteAsync(connection =>
        {
            connection.Command("DELETE FROM idempotency_keys WHERE expires_at <= $now;").With("$now", nowText).Execute();
            var existing = ReadOne(connection, workspaceId, key);
            if (existing is not null)
            {
                var stale = existing.Status == IdempotencyStatus.Running && existing.ClaimedAt + staleAfter <= now && existing.Fingerprint == fingerprint;
                if (!stale)
                {
                    return new IdempotencyClaim(false, existing);
                }

                connection.Command("UPDATE idempotency_keys SET claim_id = $claim_id, claimed_at = $now WHERE workspace_id = $workspace_id AND key = $key;")
                    .With("$claim_id", claimId)
                    .With("$now", nowText)
                    .With("$workspace_id", workspaceId)
                    .With("$key", key)
                    .Execute();
                return new IdempotencyClaim(true, existing with { ClaimId = claimId, ClaimedAt = now }, TookOverStaleClaim: true);
            }

            var record = new IdempotencyRecord(workspaceId, key, fingerprint, tool, IdempotencyStatus.Running, claimId, null, null, now, now, null, StorageTime.Truncate(now + lifetime));
            connection.Command(
                """
                INSERT INTO idempotency_keys (workspace_id, key, fingerprint, tool, status, claim_id, created_at, claimed_at, expires_at)
                VALUES ($workspace_id, $key, $fingerprint, $tool, 'running', $claim_id, $now, $now, $expires_at);
                """)
                .With("$workspace_id", workspaceId)
                .With("$key", key)
                .With("$fingerprint", fingerprint)
                .With("$tool", tool)
                .With("$claim_id", claimId)
                .With("$now", nowText)
                .With("$expires_at", StorageTime.ToText(record.ExpiresAt))
                .Execute();
            return new IdempotencyClaim(true, record);
        }, cancellationToken);
    }

    public Task<IdempotencyRecord?> FindAsync(string workspaceId, string key, CancellationToken cancellationToken)
    {
        var now = StorageTime.Now(time);
        return database.ReadAsync(connection => ReadOne(connection, workspaceId, key) is { } record && record.ExpiresAt > now ? record : null, cancellationToken);
    }

    public Task<bool> CompleteAsync(string workspaceId, string key, string claimId, string resultJson, long? auditRowId, CancellationToken cancellationToken)
    {
        var encrypted = protector.Protect(resultJson, SecretContexts.IdempotencyResult(workspaceId, key));
        var now = StorageTime.ToText(StorageTime.Now(time));
        return database.WriteAsync(connection =>
            connection.Command(
                """
                UPDATE idempotency_keys SET status = 'succeeded', result_encrypted = $result, audit_row_id = $audit_row_id, completed_at = $now
                WHERE workspace_id = $workspace_id AND key = $key AND claim_id = $claim_id AND status = 'running';
                """)
                .With("$result", encrypted)
                .With("$audit_row_id", auditRowId)
                .With("$now", now)
                .With("$workspace_id", workspaceId)
                .With("$key", key)
                .With("$claim_id", claimId)
                .Execute() == 1, cancellationToken);
    }

    public Task ReleaseAsync(string workspaceId, string key, string claimId, CancellationToken cancellationToken) =>
        database.WriteAsync(connection =>
            connection.Command("DELETE FROM idempotency_keys WHERE workspace_id = $workspace_id AND key = $key AND claim_id = $claim_id AND status = 'running';")
                .With("$workspace_id", workspaceId)
                .With("$key", key)
                .With("$claim_id", claimId)
                .Execute(), cancellationToken);

    private IdempotencyRecord? ReadOne(PooledConnection connection, string workspaceId, string key)
    {
        using var reader = connection.Command($"SELECT {Columns} FROM idempotency_keys WHERE workspace_id = $workspace_id AND key = $key;")
            .With("$workspace_id", workspaceId)
            .With("$key", key)
            .ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    private IdempotencyRecord Read(SqliteDataReader reader)
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
            StorageTime.Parse(reader.GetString(8)),
            StorageTime.Parse(reader.GetString(9)),
            StorageTime.ParseNullable(reader.GetNullableString(10)),
            StorageTime.Parse(reader.GetString(11)));
    }

    private static string NewClaimId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
}
