using System.Text.Json;
using Connectors.Mcp.Core.Catalog;
using Connectors.Mcp.Core.Instructions;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Core.Storage.Persistence;
using Connectors.Mcp.Storage.Postgres.Internal;
using Npgsql;

namespace Connectors.Mcp.Storage.Postgres;

/// <summary>
/// The API keys of <see cref="PostgresWorkspaceStore"/>: looked up by the SHA-256 of the presented key, named by their
/// public id (<c>key_…</c>), each with its scope (<c>read_only</c>, <c>tool_patterns</c>, <c>tool_mode</c>).
/// </summary>
public sealed partial class PostgresWorkspaceStore
{
    private const int MaxKeyNameLength = 100;
    private const string KeyColumns = "id, workspace_id, name, read_only, tool_patterns, created_at, revoked_at, tool_mode";

    public Task<IssuedApiKey> CreateApiKeyAsync(string workspaceId, string? name, ToolScope scope, OperatorActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (name is not null && (string.IsNullOrWhiteSpace(name) || name.Length > MaxKeyNameLength || name.Any(char.IsControl)))
        {
            throw new ArgumentException($"An API key's name is 1 to {MaxKeyNameLength} printable characters; got '{name}'.", nameof(name));
        }

        // Generated outside the transaction; only the hash goes into it.
        var secret = ApiKeys.New();
        return database.WriteAsync(async (connection, _, ct) =>
        {
            var workspace = await WorkspaceRow.GetAsync(connection, workspaceId, ct);
            var key = new ApiKey(EntityIds.New(EntityIds.ApiKeyPrefix), workspaceId, name, scope, StorageTime.Now(time), null);
            await connection.Command(
                    """
                    INSERT INTO api_keys (key_hash, id, workspace_id, name, read_only, tool_patterns, tool_mode, created_at)
                    VALUES (@key_hash, @id, @workspace_id, @name, @read_only, @tool_patterns, @tool_mode, @created_at)
                    """)
                .With("key_hash", ApiKeys.Hash(secret))
                .With("id", key.Id)
                .With("workspace_id", workspaceId)
                .With("name", name)
                .With("read_only", scope.ReadOnly)
                .With("tool_patterns", JsonSerializer.Serialize(scope.Patterns))
                .With("tool_mode", scope.Mode?.ToName())
                .With("created_at", key.CreatedAt)
                .ExecuteAsync(ct);
            await OperatorChangeRow.AppendAsync(
                connection, time, actor, workspace, OperatorActions.ApiKeyCreate, KeyTarget(key), null, "active; scope: " + scope.Describe(), ct);
            return new IssuedApiKey(key, secret);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<ApiKey>> ListApiKeysAsync(string workspaceId, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<ApiKey>>(
            async (connection, ct) => await connection.Command($"SELECT {KeyColumns} FROM api_keys WHERE workspace_id = @workspace_id ORDER BY created_at, rowid")
                .With("workspace_id", workspaceId)
                .ListAsync(r => ReadKey(r, 0), ct),
            cancellationToken);

    /// <summary>
    /// Cross-instance: the revocation is one conditional <c>UPDATE … WHERE revoked_at IS NULL RETURNING</c>, so of two
    /// instances revoking at once exactly one records the revocation and the other reports it already revoked.
    /// </summary>
    public Task<ApiKeyRevocation> RevokeApiKeyAsync(string keyId, OperatorActor actor, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, _, ct) =>
        {
            var now = StorageTime.Now(time);
            var revoked = await connection.Command($"UPDATE api_keys SET revoked_at = @now WHERE id = @id AND revoked_at IS NULL RETURNING {KeyColumns}")
                .With("now", now)
                .With("id", keyId)
                .OneAsync(r => ReadKey(r, 0), ct);
            if (revoked is null)
            {
                var existing = await connection.Command($"SELECT {KeyColumns} FROM api_keys WHERE id = @id").With("id", keyId).OneAsync(r => ReadKey(r, 0), ct)
                    ?? throw new EntityNotFoundException($"No API key '{keyId}'. {CliInstructions.ApiKeyList("SLUG")} shows the ids.");
                return new ApiKeyRevocation(existing, WasAlreadyRevoked: true);
            }

            await OperatorChangeRow.AppendAsync(
                connection, time, actor, await WorkspaceRow.GetAsync(connection, revoked.WorkspaceId, ct), OperatorActions.ApiKeyRevoke, KeyTarget(revoked), "active", "revoked", ct);
            return new ApiKeyRevocation(revoked, WasAlreadyRevoked: false);
        }, cancellationToken);

    public Task<ApiKeyMatch?> FindByApiKeyAsync(string apiKey, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(apiKey) || !apiKey.StartsWith(ApiKeys.Prefix, StringComparison.Ordinal))
        {
            return Task.FromResult<ApiKeyMatch?>(null);
        }

        // Looked up by the SHA-256 of the presented key: the stored hash is all the database knows.
        var hash = ApiKeys.Hash(apiKey);
        return database.ReadAsync(
            (connection, ct) => connection.Command(
                    $"SELECT w.id, w.slug, w.plan, w.created_at, w.calls_per_minute, w.connector_calls_per_minute, w.domains, w.approvers, w.tool_mode, k.{KeyColumns.Replace(", ", ", k.", StringComparison.Ordinal)} "
                    + "FROM api_keys k JOIN workspaces w ON w.id = k.workspace_id WHERE k.key_hash = @key_hash AND k.revoked_at IS NULL")
                .With("key_hash", hash)
                .OneAsync(
                    r =>
                    {
                        var key = ReadKey(r, 9);
                        return new ApiKeyMatch(Read(r), key.Id, key.Scope);
                    },
                    ct),
            cancellationToken);
    }

    /// <summary>How a record names an API key: its id and name, never the key or its hash.</summary>
    private static string KeyTarget(ApiKey key) => key.Name is null ? key.Id : $"{key.Id} '{key.Name}'";

    /// <summary>A key row from <see cref="KeyColumns"/> starting at <paramref name="first"/>; a stored scope that does not
    /// parse throws (the key then opens nothing) rather than widening to every tool.</summary>
    private static ApiKey ReadKey(NpgsqlDataReader reader, int first) => new(
        reader.GetString(first),
        reader.GetString(first + 1),
        reader.GetNullableString(first + 2),
        ToolScope.Create(
            reader.GetBoolean(first + 3),
            JsonSerializer.Deserialize<List<string>>(reader.GetString(first + 4)) ?? throw new InvalidOperationException($"API key {reader.GetString(first)} has no tool patterns."),
            reader.GetNullableString(first + 7) is { } mode ? ToolModeNames.Parse(mode) : null),
        reader.GetTime(first + 5),
        reader.GetNullableTime(first + 6));
}
