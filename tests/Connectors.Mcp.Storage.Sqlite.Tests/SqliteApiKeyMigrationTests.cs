using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Connectors.Mcp.Core.Catalog;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Storage.Sqlite.Internal;

namespace Connectors.Mcp.Storage.Sqlite.Tests;

/// <summary>Migration 0012 on a SQLite file with keys made before it (the store's contract: Connectors.Mcp.Storage.Tests ApiKeyContract).</summary>
public sealed class SqliteApiKeyMigrationTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Migration0012_GivesAKeyMadeBeforeItAnIdAndTheFullScope()
    {
        // A database at version 11 with a key, then migrated to the newest: the key keeps working, with every tool.
        using var storage = TestStorage.CreateEmpty();
        Directory.CreateDirectory(storage.Folder);
        storage.ExecuteRaw("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT;");
        foreach (var migration in SqliteMigrations.All.Where(m => m.Version <= 11))
        {
            storage.ExecuteRaw(migration.Sql);
            storage.ExecuteRaw("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($v, $n, '2026-01-01T00:00:00.000Z');", ("$v", migration.Version), ("$n", migration.Name));
        }

        const string OldKey = "cmk_made-before-scopes";
        storage.ExecuteRaw("INSERT INTO workspaces (id, slug, plan, catalog_version, created_at) VALUES ('ws_old', 'acme', 'free', 0, '2026-01-01T00:00:00.000Z');");
        storage.ExecuteRaw(
            "INSERT INTO api_keys (key_hash, workspace_id, created_at, revoked_at) VALUES ($hash, 'ws_old', '2026-01-01T00:00:00.000Z', NULL), ('revokedhash', 'ws_old', '2026-01-02T00:00:00.000Z', '2026-01-03T00:00:00.000Z');",
            ("$hash", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(OldKey)))));

        await storage.Database.MigrateAsync(None);

        var match = await storage.Workspaces.FindByApiKeyAsync(OldKey, None);
        Assert.NotNull(match);
        Assert.Equal("ws_old", match.Workspace.Id);
        Assert.Same(ToolScope.Full, match.Scope);
        var keys = await storage.Workspaces.ListApiKeysAsync("ws_old", None);
        Assert.Equal(2, keys.Count);
        Assert.All(keys, k => Assert.Matches(new Regex("^key_[0-9a-f]{30}$"), k.Id));
        Assert.NotEqual(keys[0].Id, keys[1].Id);
        Assert.Equal(match.KeyId, keys[0].Id);
        Assert.Equal(
            [(null, ToolScope.Full, (DateTimeOffset?)null), (null, ToolScope.Full, new DateTimeOffset(2026, 1, 3, 0, 0, 0, TimeSpan.Zero))],
            keys.Select(k => (k.Name, k.Scope, k.RevokedAt)).ToArray());
    }
}
