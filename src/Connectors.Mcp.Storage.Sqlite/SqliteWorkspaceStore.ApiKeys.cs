using System.Text.Json;
using Connectors.Mcp.Core.Catalog;
using Connectors.Mcp.Core.Instructions;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Core.Storage.Persistence;
using Connectors.Mcp.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace Connectors.Mcp.Storage.Sqlite;

/// <summary>
/// The API keys of <see cref="SqliteWorkspaceStore"/>: looked up by the SHA-256 of the presented key, named by their
/// public id (<c>key_…</c>), each with its scope (<c>read_only</c>, <c>tool_patterns</c>; migration 0012).
/// </summary>
public sealed partial class SqliteWorkspaceStore
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
        return database.WriteAsync(connection =>
        {
            var workspace = WorkspaceRow.Get(connection, workspaceId);
            var key = new ApiKey(EntityIds.New(EntityIds.ApiKeyPrefix), workspaceId, name, scope, StorageTime.Now(time), null);
            connection.Command(
                    """
                    INSERT INTO api_keys (key_hash, id, workspace_id, name, read_only, tool_patterns, tool_mode, created_at)
                    VALUES ($key_hash, $id, $workspace_id, $name, $read_only, $tool_patterns, $tool_mode, $created_at);
                    """)
                .With("$key_hash", ApiKeys.Hash(secret))
                .With("$id", key.Id)
                .With("$workspace_id", workspaceId)
                .With("$name", name)
                .With("$read_only", scope.ReadOnly ? 1 : 0)
                .With("$tool_patterns", JsonSerializer.Serialize(scope.Patterns))
                .With("$tool_mode", scope.Mode?.ToName())
                .With("$created_at", StorageTime.ToText(key.CreatedAt))
                .Execute();
            OperatorChangeRow.Append(connection, time, actor, workspace, OperatorActions.ApiKeyCreate, KeyTarget(key), null, "active; scope: " + scope.Describe());
            return new IssuedApiKey(key, secret);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<ApiKey>> ListApiKeysAsync(string workspaceId, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<ApiKey>>(connection =>
        {
            using var reader = connection.Command($"SELECT {KeyColumns} FROM api_keys WHERE workspace_id = $workspace_id ORDER BY created_at, rowid;")
                .With("$workspace_id", workspaceId)
                .ExecuteReader();
            var keys = new List<ApiKey>();
            while (reader.Read())
            {
                keys.Add(ReadKey(reader, 0));
            }

            return keys;
        }, cancellationToken);

    public Task<ApiKeyRevocation> RevokeApiKeyAsync(string keyId, OperatorActor actor, CancellationToken cancellationToken) =>
        database.WriteAsync(connection =>
        {
            ApiKey? key;
            using (var reader = connection.Command($"SELECT {KeyColumns} FROM api_keys WHERE id = $id;").With("$id", keyId).ExecuteReader())
            {
                key = reader.Read() ? ReadKey(reader, 0) : null;
            }

            if (key is null)
            {
                throw new EntityNotFoundException($"No API key '{keyId}'. {CliInstructions.ApiKeyList("SLUG")} shows the ids.");
            }

            if (key.IsRevoked)
            {
                return new ApiKeyRevocation(key, WasAlreadyRevoked: true);
            }

            var now = StorageTime.Now(time);
            connection.Command("UPDATE api_keys SET revoked_at = $now WHERE id = $id;").With("$now", StorageTime.ToText(now)).With("$id", keyId).Execute();
            key = key with { RevokedAt = now };
            OperatorChangeRow.Append(connection, time, actor, WorkspaceRow.Get(connection, key.WorkspaceId), OperatorActions.ApiKeyRevoke, KeyTarget(key), "active", "revoked");
            return new ApiKeyRevocation(key, WasAlreadyRevoked: false);
        }, cancellationToken);

    public Task<ApiKeyMatch?> FindByApiKeyAsync(string apiKey, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(apiKey) || !apiKey.StartsWith(ApiKeys.Prefix, StringComparison.Ordinal))
        {
            return Task.FromResult<ApiKeyMatch?>(null);
        }

        // Looked up by the SHA-256 of the presented key: the stored hash is all the database knows.
        var hash = ApiKeys.Hash(apiKey);
        return database.ReadAsync(connection =>
        {
            using var reader = connection.Command(
                    $"SELECT w.id, w.slug, w.plan, w.created_at, w.calls_per_minute, w.connector_calls_per_minute, w.domains, w.approvers, w.tool_mode, k.{KeyColumns.Replace(", ", ", k.", StringComparison.Ordinal)} "
                    + "FROM api_keys k JOIN workspaces w ON w.id = k.workspace_id WHERE k.key_hash = $key_hash AND k.revoked_at IS NULL;")
                .With("$key_hash", hash)
                .ExecuteReader();
            if (!reader.Read())
            {
                return null;
            }

            var key = ReadKey(reader, 9);
            return new ApiKeyMatch(Read(reader), key.Id, key.Scope);
        }, cancellationToken);
    }

    /// <summary>How a record names an API key: its id and name, never the key or its hash.</summary>
    private static string KeyTarget(ApiKey key) => key.Name is null ? key.Id : $"{key.Id} '{key.Name}'";

    /// <summary>A key row from <see cref="KeyColumns"/> starting at <paramref name="first"/>; a stored scope that does not
    /// parse throws (the key then opens nothing) rather than widening to every tool.</summary>
    private static ApiKey ReadKey(SqliteDataReader reader, int first) => new(
        reader.GetString(first),
        reader.GetString(first + 1),
        reader.GetNullableString(first + 2),
        ToolScope.Create(
            reader.GetInt64(first + 3) != 0,
            JsonSerializer.Deserialize<List<string>>(reader.GetString(first + 4)) ?? throw new InvalidOperationException($"API key {reader.GetString(first)} has no tool patterns."),
            reader.GetNullableString(first + 7) is { } mode ? ToolModeNames.Parse(mode) : null),
        StorageTime.Parse(reader.GetString(first + 5)),
        StorageTime.ParseNullable(reader.GetNullableString(first + 6)));
}
