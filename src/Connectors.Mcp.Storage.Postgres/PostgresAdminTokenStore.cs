using Connectors.Mcp.Core.Instructions;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Core.Storage.Persistence;
using Connectors.Mcp.Storage.Postgres.Internal;
using Npgsql;

namespace Connectors.Mcp.Storage.Postgres;

/// <summary>
/// Admin tokens (<c>admin_tokens</c>) and their browser sessions (<c>admin_sessions</c>) on PostgreSQL, as on SQLite:
/// looked up by their SHA-256 only; a session is live while unexpired and its token unrevoked; revoking deletes the
/// token's sessions in the same transaction; creating and revoking write the <c>operator_changes</c> row (id and name
/// only) in their transaction. Revocation takes the token's row lock (<c>SELECT … FOR UPDATE</c>), so a session can
/// not be opened on a token another instance is revoking.
/// </summary>
public sealed class PostgresAdminTokenStore(PostgresDatabase database, TimeProvider time) : IAdminTokenStore
{
    private const string IdPrefix = "adm";
    private const int MaxNameLength = 100;
    private const string TokenColumns = "id, name, created_at, revoked_at, last_used_at";

    /// <summary>A token's use is written at most this often, so each request does not cost a write.</summary>
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public async Task<IssuedAdminToken> CreateAsync(string name, OperatorActor actor, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(actor);
        name = name.Trim();
        if (name.Length > MaxNameLength)
        {
            throw new ArgumentException($"An admin token's name is at most {MaxNameLength} characters.", nameof(name));
        }

        var secret = AdminSecrets.NewToken();
        var token = new AdminToken(EntityIds.New(IdPrefix), name, StorageTime.Now(time), null, null);
        await database.WriteAsync(async (connection, transaction, ct) =>
        {
            await StoreCommand.Create(connection, transaction, "INSERT INTO admin_tokens (id, name, token_hash, created_at) VALUES (@id, @name, @token_hash, @created_at)")
                .Bind("id", token.Id)
                .Bind("name", token.Name)
                .Bind("token_hash", AdminSecrets.Hash(secret))
                .Bind("created_at", token.CreatedAt)
                .ExecuteAsync(ct);
            await OperatorChangeRow.AppendAsync(connection, time, actor, null, OperatorActions.AdminTokenCreate, OperatorChangeText.AdminTokenTarget(token), null, "active", ct);
        }, cancellationToken);
        return new IssuedAdminToken(token, secret);
    }

    public async Task<AdminToken?> FindBySecretAsync(string secret, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(secret) || !secret.StartsWith(AdminSecrets.TokenPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var hash = AdminSecrets.Hash(secret);
        var token = await database.ReadAsync((connection, ct) =>
            StoreCommand.Create(connection, null, $"SELECT {TokenColumns} FROM admin_tokens WHERE token_hash = @token_hash AND revoked_at IS NULL")
                .Bind("token_hash", hash)
                .OneAsync(Read, ct), cancellationToken);
        if (token is null)
        {
            return null;
        }

        var now = StorageTime.Now(time);
        if (token.LastUsedAt is not { } last || now - last >= LastUsedResolution)
        {
            await database.WriteAsync((connection, transaction, ct) =>
                StoreCommand.Create(connection, transaction, "UPDATE admin_tokens SET last_used_at = @now WHERE id = @id")
                    .Bind("now", now)
                    .Bind("id", token.Id)
                    .ExecuteAsync(ct), cancellationToken);
            token = token with { LastUsedAt = now };
        }

        return token;
    }

    public Task<IReadOnlyList<AdminToken>> ListAsync(CancellationToken cancellationToken) =>
        database.ReadAsync((connection, ct) =>
            StoreCommand.Create(connection, null, $"SELECT {TokenColumns} FROM admin_tokens ORDER BY created_at, rowid").RowsAsync(Read, ct), cancellationToken);

    public Task<AdminToken> RevokeAsync(string tokenId, OperatorActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return database.WriteAsync(async (connection, transaction, ct) =>
        {
            var token = await StoreCommand.Create(connection, transaction, $"SELECT {TokenColumns} FROM admin_tokens WHERE id = @id FOR UPDATE")
                .Bind("id", tokenId)
                .OneAsync(Read, ct) ?? throw UnknownToken(tokenId);
            if (token.RevokedAt is null)
            {
                var now = StorageTime.Now(time);
                await StoreCommand.Create(connection, transaction, "UPDATE admin_tokens SET revoked_at = @now WHERE id = @id").Bind("now", now).Bind("id", tokenId).ExecuteAsync(ct);
                token = token with { RevokedAt = now };
                await OperatorChangeRow.AppendAsync(connection, time, actor, null, OperatorActions.AdminTokenRevoke, OperatorChangeText.AdminTokenTarget(token), "active", "revoked", ct);
            }

            await StoreCommand.Create(connection, transaction, "DELETE FROM admin_sessions WHERE token_id = @id").Bind("id", tokenId).ExecuteAsync(ct);
            return token;
        }, cancellationToken);
    }

    public async Task<IssuedAdminSession> CreateSessionAsync(string tokenId, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        var sessionId = AdminSecrets.NewSessionId();
        var now = StorageTime.Now(time);
        var expiresAt = StorageTime.Truncate(now + lifetime);
        var csrf = AdminSecrets.NewCsrfToken();
        var name = await database.WriteAsync(async (connection, transaction, ct) =>
        {
            // FOR SHARE: a concurrent revocation waits for this session to commit (and then deletes it), or wins first.
            var token = await StoreCommand.Create(connection, transaction, $"SELECT {TokenColumns} FROM admin_tokens WHERE id = @id AND revoked_at IS NULL FOR SHARE")
                .Bind("id", tokenId)
                .OneAsync(Read, ct) ?? throw UnknownToken(tokenId);

            // Expired sessions of every token go when a new one starts, so the table does not grow.
            await StoreCommand.Create(connection, transaction, "DELETE FROM admin_sessions WHERE expires_at <= @now").Bind("now", now).ExecuteAsync(ct);
            await StoreCommand.Create(connection, transaction,
                    "INSERT INTO admin_sessions (session_hash, token_id, csrf_token, created_at, expires_at) VALUES (@session_hash, @token_id, @csrf_token, @created_at, @expires_at)")
                .Bind("session_hash", AdminSecrets.Hash(sessionId))
                .Bind("token_id", tokenId)
                .Bind("csrf_token", csrf)
                .Bind("created_at", now)
                .Bind("expires_at", expiresAt)
                .ExecuteAsync(ct);
            return token.Name;
        }, cancellationToken);
        return new IssuedAdminSession(new AdminSession(tokenId, name, csrf, now, expiresAt), sessionId);
    }

    public async Task<AdminSession?> FindSessionAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(sessionId))
        {
            return null;
        }

        var hash = AdminSecrets.Hash(sessionId);
        var session = await database.ReadAsync((connection, ct) =>
            StoreCommand.Create(connection, null,
                    """
                    SELECT s.token_id, t.name, s.csrf_token, s.created_at, s.expires_at
                    FROM admin_sessions s JOIN admin_tokens t ON t.id = s.token_id
                    WHERE s.session_hash = @session_hash AND t.revoked_at IS NULL
                    """)
                .Bind("session_hash", hash)
                .OneAsync(r => new AdminSession(r.GetString(0), r.GetString(1), r.GetString(2), r.GetTime(3), r.GetTime(4)), ct), cancellationToken);
        if (session is null)
        {
            return null;
        }

        if (session.ExpiresAt <= time.GetUtcNow())
        {
            await DeleteSessionAsync(sessionId, cancellationToken);
            return null;
        }

        return session;
    }

    public Task DeleteSessionAsync(string sessionId, CancellationToken cancellationToken) =>
        string.IsNullOrEmpty(sessionId)
            ? Task.CompletedTask
            : database.WriteAsync((connection, transaction, ct) =>
                StoreCommand.Create(connection, transaction, "DELETE FROM admin_sessions WHERE session_hash = @session_hash")
                    .Bind("session_hash", AdminSecrets.Hash(sessionId))
                    .ExecuteAsync(ct), cancellationToken);

    private static EntityNotFoundException UnknownToken(string tokenId) =>
        new($"No live admin token '{tokenId}'. {CliInstructions.AdminTokenList} shows the tokens.");

    private static AdminToken Read(NpgsqlDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetTime(2), reader.GetNullableTime(3), reader.GetNullableTime(4));
}
