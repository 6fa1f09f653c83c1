using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Connectors.Mcp.Core.Catalog;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Storage.Sqlite.Internal;

namespace Connectors.Mcp.Storage.Sqlite.Tests;

/// <summary>API keys with ids, names and scopes (migration 0012): create, find, list, revoke.</summary>
public sealed class SqliteApiKeyTests
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

    [Fact]
    public async Task CreateApiKeyAsync_ScopedAndNamed_IsFoundWithItsScope_AndListedWithoutSecret()
    {
        using var storage = await TestStorage.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var scope = ToolScope.Create(true, ["gmail_*", "*_list_*"]);

        var issued = await storage.Workspaces.CreateApiKeyAsync(workspace.Id, "reporting bot", scope, TestStorage.Actor, None);

        Assert.Matches(new Regex("^key_[0-9a-z]{24}$"), issued.Key.Id);
        Assert.Equal(new ApiKey(issued.Key.Id, workspace.Id, "reporting bot", scope, TestStorage.Start, null), issued.Key);
        Assert.DoesNotContain(issued.Secret, issued.ToString(), StringComparison.Ordinal);
        Assert.Equal(new ApiKeyMatch(workspace, issued.Key.Id, scope), await storage.Workspaces.FindByApiKeyAsync(issued.Secret, None));
        Assert.Equal([issued.Key], await storage.Workspaces.ListApiKeysAsync(workspace.Id, None));
        Assert.Equal(1L, storage.ScalarRaw("SELECT read_only FROM api_keys;"));
        Assert.Equal("[\"gmail_*\",\"*_list_*\"]", storage.ScalarRaw("SELECT tool_patterns FROM api_keys;"));
        Assert.False(storage.FilesContain(issued.Secret));
    }

    [Fact]
    public async Task CreateApiKeyAsync_WithAToolMode_IsFoundWithIt_AndAKeyWithoutOneFollowsTheWorkspace()
    {
        using var storage = await TestStorage.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var discovery = ToolScope.Create(false, null, ToolMode.Discovery);

        var fixedMode = await storage.Workspaces.CreateApiKeyAsync(workspace.Id, null, discovery, TestStorage.Actor, None);
        var workspaceMode = await storage.Workspaces.CreateApiKeyAsync(workspace.Id, null, ToolScope.Full, TestStorage.Actor, None);

        Assert.Equal(discovery, (await storage.Workspaces.FindByApiKeyAsync(fixedMode.Secret, None))!.Scope);
        Assert.Same(ToolScope.Full, (await storage.Workspaces.FindByApiKeyAsync(workspaceMode.Secret, None))!.Scope);
        Assert.Equal("discovery", storage.ScalarRaw($"SELECT tool_mode FROM api_keys WHERE id = '{fixedMode.Key.Id}';"));
        Assert.Equal(DBNull.Value, storage.ScalarRaw($"SELECT tool_mode FROM api_keys WHERE id = '{workspaceMode.Key.Id}';") ?? DBNull.Value);
    }

    [Fact]
    public async Task SetToolModeAsync_IsStored_MovesTheCatalogVersion_AndIsRecorded()
    {
        using var storage = await TestStorage.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var before = await storage.Workspaces.GetCatalogVersionAsync(workspace.Id, None);

        var updated = await storage.Workspaces.SetToolModeAsync(workspace.Id, ToolMode.Discovery, TestStorage.Actor, None);

        Assert.Equal(ToolMode.All, workspace.ToolMode);
        Assert.Equal(ToolMode.Discovery, updated.ToolMode);
        Assert.Equal(updated, await storage.Workspaces.FindByIdAsync(workspace.Id, None));
        Assert.True(await storage.Workspaces.GetCatalogVersionAsync(workspace.Id, None) > before);
        Assert.Equal(ToolMode.Discovery, (await storage.Workspaces.FindByApiKeyAsync(
            (await storage.Workspaces.CreateApiKeyAsync(workspace.Id, null, ToolScope.Full, TestStorage.Actor, None)).Secret, None))!.Workspace.ToolMode);
        Assert.Equal("tool_mode.set|all|discovery", storage.ScalarRaw("SELECT action || '|' || old_value || '|' || new_value FROM operator_changes WHERE action = 'tool_mode.set';"));
    }

    [Fact]
    public async Task ListApiKeysAsync_OnlyTheWorkspacesKeys_OldestFirst()
    {
        using var storage = await TestStorage.CreateAsync();
        var acme = await storage.CreateWorkspaceAsync("acme");
        var globex = await storage.CreateWorkspaceAsync("globex");
        var first = await storage.Workspaces.CreateApiKeyAsync(acme.Id, "first", ToolScope.Full, TestStorage.Actor, None);
        storage.Time.Advance(TimeSpan.FromMinutes(1));
        await storage.Workspaces.CreateApiKeyAsync(globex.Id, null, ToolScope.Full, TestStorage.Actor, None);
        var second = await storage.Workspaces.CreateApiKeyAsync(acme.Id, "second", ToolScope.Create(true, null), TestStorage.Actor, None);

        var keys = await storage.Workspaces.ListApiKeysAsync(acme.Id, None);

        Assert.Equal([first.Key.Id, second.Key.Id], keys.Select(k => k.Id).ToArray());
    }

    [Fact]
    public async Task RevokeApiKeyAsync_KeyIsRefusedFromThen_AndASecondRevokeSaysSoAndChangesNothing()
    {
        using var storage = await TestStorage.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var issued = await storage.Workspaces.CreateApiKeyAsync(workspace.Id, null, ToolScope.Full, TestStorage.Actor, None);
        var other = await storage.Workspaces.CreateApiKeyAsync(workspace.Id, null, ToolScope.Full, TestStorage.Actor, None);

        var first = await storage.Workspaces.RevokeApiKeyAsync(issued.Key.Id, TestStorage.Actor, None);
        storage.Time.Advance(TimeSpan.FromMinutes(5));
        var second = await storage.Workspaces.RevokeApiKeyAsync(issued.Key.Id, TestStorage.Actor, None);

        Assert.False(first.WasAlreadyRevoked);
        Assert.Equal(TestStorage.Start, first.Key.RevokedAt);
        Assert.True(second.WasAlreadyRevoked);
        Assert.Equal(TestStorage.Start, second.Key.RevokedAt);
        Assert.Null(await storage.Workspaces.FindByApiKeyAsync(issued.Secret, None));
        Assert.NotNull(await storage.Workspaces.FindByApiKeyAsync(other.Secret, None));
        Assert.Equal(TestStorage.Start, (await storage.Workspaces.ListApiKeysAsync(workspace.Id, None))[0].RevokedAt);
    }

    [Fact]
    public async Task RevokeApiKeyAsync_UnknownId_ThrowsEntityNotFound_NamingTheListCommand()
    {
        using var storage = await TestStorage.CreateAsync();

        var error = await Assert.ThrowsAsync<EntityNotFoundException>(() => storage.Workspaces.RevokeApiKeyAsync("key_nope", TestStorage.Actor, None));

        Assert.Contains("key_nope", error.Message, StringComparison.Ordinal);
        Assert.Contains("apikey list", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("line\nbreak")]
    public async Task CreateApiKeyAsync_BadName_IsRefusedAndNothingIsStored(string name)
    {
        using var storage = await TestStorage.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => storage.Workspaces.CreateApiKeyAsync(workspace.Id, name, ToolScope.Full, TestStorage.Actor, None));

        Assert.Equal(0L, storage.ScalarRaw("SELECT COUNT(*) FROM api_keys;"));
    }

    [Fact]
    public async Task FindByApiKeyAsync_StoredPatternThatDoesNotParse_FailsInsteadOfWidening()
    {
        using var storage = await TestStorage.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var issued = await storage.Workspaces.CreateApiKeyAsync(workspace.Id, null, ToolScope.Create(false, ["gmail_*"]), TestStorage.Actor, None);
        storage.ExecuteRaw("UPDATE api_keys SET tool_patterns = '[\"gmail send\"]';");

        await Assert.ThrowsAsync<ArgumentException>(() => storage.Workspaces.FindByApiKeyAsync(issued.Secret, None));
    }
}
