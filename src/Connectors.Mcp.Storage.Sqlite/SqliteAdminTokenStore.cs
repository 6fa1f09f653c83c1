using Connectors.Mcp.Core.Instructions;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Core.Storage.Persistence;
using Connectors.Mcp.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace Connectors.Mcp.Storage.Sqlite;

/// <summary>
/// Admin tokens (<c>admin_tokens</c>) and their browser sessions (<c>admin_sessions</c>). Tokens and session ids are
/// looked up by their SHA-256, the only form stored. A session is live while it has not expired and its token is not
/// revoked; revoking deletes the token's sessions in the same transaction, and an expired session is deleted when found.
/// Creating and revoking a token write its <c>operator_changes</c> row (id and name only) in their transaction.
/// </summary>
public sealed class SqliteAdminTokenStore(SqliteDatabase database, TimeProvider time) : IAdminTokenStore
{
    private const string IdPrefix = "adm";
    private const int MaxNameLength = 100;
    private const string TokenColumns = "id, name, created_at, revoked_at, last_used_at";

    /// <summary>A token's use is written at most this often, so each request does not cost a synced write.</summary>
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public async Task<IssuedAdminToken> CreateAsync(string name, OperatorActor actor, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        name = name.Trim();
        if (name.Length > MaxNameLength)
        {
            throw new ArgumentException($"An admin token's name is at most {MaxNameLength} characters.", nameof(name));
        }

        var secret = AdminSecrets.NewToken();
        var token = new AdminToken(EntityIds.New(IdPrefix), name, StorageTime.Now(time), null, null);
        await database.WriteAsync(connection =>
        {
            connection.Command("INSERT INTO admin_tokens (id, name, token_hash, created_at) VALUES ($id, $name, $token_hash, $created_at);")
                .With("$id", token.Id)
                .With("$name", token.Name)
                .With("$token_hash", AdminSecrets.Hash(secret))
                .With("$created_at", StorageTime.ToText(token.CreatedAt))
                .Execute();
            OperatorChangeRow.Append(connection, time, actor, null, OperatorActions.AdminTokenCreate, OperatorChangeRow.AdminTokenTarget(token), null, "active");
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
        var token = await database.ReadAsync(connection => ReadToken(connection.Command(
            $"SELECT {TokenColumns} FROM admin_tokens WHERE token_hash = $token_hash AND revoked_at IS NULL;").With("$token_hash", hash)), cancellationToken);
        if (token is null)
        {
            return null;
        }

        var now = StorageTime.Now(time);
        if (token.LastUsedAt is not { } last || now - last >= LastUsedResolution)
        {
            await database.WriteAsync(connection => connection.Command("UPDATE admin_tokens SET last_used_at = $now WHERE id = $id;")
                .With("$now", StorageTime.ToText(now))
                .With("$id", token.Id)
                .Execute(), cancellationToken);
            token = token with { LastUsedAt = now };
        }

        return token;
    }

    public Task<IReadOnlyList<AdminToken>> ListAsync(CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<AdminToken>>(connection =>
        {
            using var reader = connection.Command($"SELECT {TokenColumns} FROM admin_tokens ORDER BY created_at, rowid;").ExecuteReader();
            var tokens = new List<AdminToken>();
            while (reader.Read())
            {
                tokens.Add(Read(reader));
            }

            return tokens;
        }, cancellationToken);

    public Task<AdminToken> RevokeAsync(string tokenId, OperatorActor actor, CancellationToken cancellationToken) =>
        database.WriteAsync(connection =>
        {
            var token = ReadToken(connection.Command($"SELECT {TokenColumns} FROM admin_tokens WHERE id = $id;").With("$id", tokenId))
                ?? throw UnknownToken(tokenId);
            if (token.RevokedAt is null)
            {
                var now = StorageTime.Now(time);
                connection.Command("UPDATE admin_tokens SET revoked_at = $now WHERE id = $id;").With("$now", StorageTime.ToText(now)).With("$id", tokenId).Execute();
                token = token with { RevokedAt = now };
                OperatorChangeRow.Append(connection, time, actor, null, OperatorActions.AdminTokenRevoke, OperatorChangeRow.AdminTokenTarget(token), "active", "revoked");
            }

            connection.Command("DELETE FROM admin_sessions WHERE token_id = $id;").With("$id", tokenId).Execute();
            return token;
        }, cancellationToken);

    public async Task<IssuedAdminSession> CreateSessionAsync(string tokenId, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        var sessionId = AdminSecrets.NewSessionId();
        var now = StorageTime.Now(time);
        var expiresAt = StorageTime.Truncate(now + lifetime);
        var csrf = AdminSecrets.NewCsrfToken();
        var name = await database.WriteAsync(connection =>
        {
            var token = ReadToken(connection.Command($"SELECT {TokenColumns} FROM admin_tokens WHERE id = $id AND revoked_at IS NULL;").With("$id", tokenId))
                ?? throw UnknownToken(tokenId);

            // Expired sessions of every token go when a new one starts, so the table does not grow.
            connection.Command("DELETE FROM admin_sessions WHERE expires_at <= $now;").With("$now", StorageTime.ToText(now)).Execute();
            connection.Command(
                    "INSERT INTO admin_sessions (session_hash, token_id, csrf_token, created_at, expires_at) VALUES ($session_hash, $token_id, $csrf_token, $created_at, $expires_at);")
                .With("$session_hash", AdminSecrets.Hash(sessionId))
                .With("$token_id", tokenId)
                .With("$csrf_token", csrf)
                .With("$created_at", StorageTime.ToText(now))
                .With("$expires_at", StorageTime.ToText(expiresAt))
                .Execute();
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
        var session = await database.ReadAsync(connection =>
        {
            using var reader = connection.Command(
                    """
                    SELECT s.token_id, t.name, s.csrf_token, s.created_at, s.expires_at
                    FROM admin_sessions s JOIN admin_tokens t ON t.id = s.token_id
                    WHERE s.session_hash = $session_hash AND t.revoked_at IS NULL;
                    """)
                .With("$session_hash", hash)
                .ExecuteReader();
            return reader.Read()
                ? new AdminSession(reader.GetString(0), reader.GetString(1), reader.GetString(2), StorageTime.Parse(reader.GetString(3)), StorageTime.Parse(reader.GetString(4)))
                : null;
        }, cancellationToken);
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
            : database.WriteAsync(connection => connection.Command("DELETE FROM admin_sessions WHERE session_hash = $session_hash;")
                .With("$session_hash", AdminSecrets.Hash(sessionId))
                .Execute(), cancellationToken);

    private static EntityNotFoundException UnknownToken(string tokenId) =>
        new($"No live admin token '{tokenId}'. {CliInstructions.AdminTokenList} shows the tokens.");

    private static AdminToken? ReadToken(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    private static AdminToken Read(SqliteDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), StorageTime.Parse(reader.GetString(2)), StorageTime.ParseNullable(reader.GetNullableString(3)),
        StorageTime.ParseNullable(reader.GetNullableString(4)));
}
