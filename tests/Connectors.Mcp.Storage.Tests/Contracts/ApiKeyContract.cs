using System.Text.RegularExpressions;
using Connectors.Mcp.Core.Catalog;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Storage.Tests.Backends;

namespace Connectors.Mcp.Storage.Tests.Contracts;

/// <summary>API keys with ids, names and scopes create, find, list, revoke (the contract of both backends).</summary>
public abstract class ApiKeyContract(StorageBackend backend)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [SkippableFact]
    public async Task CreateApiKeyAsync_ScopedAndNamed_IsFoundWithItsScope_AndListedWithoutSecret()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var scope = ToolScope.Create(true, ["gmail_*", "*_list_*"]);

        var issued = await storage.Workspaces.CreateApiKeyAsync(workspace.Id, "reporting bot", scope, TestStores.Actor, None);

        Assert.Matches(new Regex("^key_[0-9a-z]{24}$"), issued.Key.Id);
        Assert.Equal(new ApiKey(issued.Key.Id, workspace.Id, "reporting bot", scope, TestStores.Start, null), issued.Key);
        Assert.DoesNotContain(issued.Secret, issued.ToString(), StringComparison.Ordinal);
        Assert.Equal(new ApiKeyMatch(workspace, issued.Key.Id, scope), await storage.Workspaces.FindByApiKeyAsync(issued.Secret, None));
        Assert.Equal([issued.Key], await storage.Workspaces.ListApiKeysAsync(workspace.Id, None));
        Assert.Equal(1L, RawValues.Integer(await storage.ScalarRawAsync("SELECT read_only FROM api_keys;")));
        Assert.Equal("[\"gmail_*\",\"*_list_*\"]", await storage.ScalarRawAsync("SELECT tool_patterns FROM api_keys;"));
        Assert.False(await storage.ContainsAsync(issued.Secret));
    }

    [SkippableFact]
    public async Task CreateApiKeyAsync_WithAToolMode_IsFoundWithIt_AndAKeyWithoutOneFollowsTheWorkspace()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var discovery = ToolScope.Create(false, null, ToolMode.Discovery);

        var fixedMode = await storage.Workspaces.CreateApiKeyAsync(workspace.Id, null, discovery, TestStores.Actor, None);
        var workspaceMode = await storage.Workspaces.CreateApiKeyAsync(workspace.Id, null, ToolScope.Full, TestStores.Actor, None);

        Assert.Equal(discovery, (await storage.Workspaces.FindByApiKeyAsync(fixedMode.Secret, None))!.Scope);
        Assert.Same(ToolScope.Full, (await storage.Workspaces.FindByApiKeyAsync(workspaceMode.Secret, None))!.Scope);
        Assert.Equal("discovery", await storage.ScalarRawAsync($"SELECT tool_mode FROM api_keys WHERE id = '{fixedMode.Key.Id}';"));
        Assert.Equal(DBNull.Value, await storage.ScalarRawAsync($"SELECT tool_mode FROM api_keys WHERE id = '{workspaceMode.Key.Id}';") ?? DBNull.Value);
    }

    [SkippableFact]
    public async Task SetToolModeAsync_IsStored_MovesTheCatalogVersion_AndIsRecorded()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var before = await storage.Workspaces.GetCatalogVersionAsync(workspace.Id, None);

        var updated = await storage.Workspaces.SetToolModeAsync(workspace.Id, ToolMode.Discovery, TestStores.Actor, None);

        Assert.Equal(ToolMode.All, workspace.ToolMode);
        Assert.Equal(ToolMode.Discovery, updated.ToolMode);
        Assert.Equal(updated, await storage.Workspaces.FindByIdAsync(workspace.Id, None));
        Assert.True(await storage.Workspaces.GetCatalogVersionAsync(workspace.Id, None) > before);
        Assert.Equal(ToolMode.Discovery, (await storage.Workspaces.FindByApiKeyAsync(
            (await storage.Workspaces.CreateApiKeyAsync(workspace.Id, null, ToolScope.Full, TestStores.Actor, None)).Secret, None))!.Workspace.ToolMode);
        Assert.Equal("tool_mode.set|all|discovery", await storage.ScalarRawAsync("SELECT action || '|' || old_value || '|' || new_value FROM operator_changes WHERE action = 'tool_mode.set';"));
    }

    [SkippableFact]
    public async Task ListApiKeysAsync_OnlyTheWorkspacesKeys_OldestFirst()
    {
        await using var storage = await backend.CreateAsync();
        var acme = await storage.CreateWorkspaceAsync("acme");
        var globex = await storage.CreateWorkspaceAsync("globex");
        var first = await storage.Workspaces.CreateApiKeyAsync(acme.Id, "first", ToolScope.Full, TestStores.Actor, None);
        storage.Time.Advance(TimeSpan.FromMinutes(1));
        await storage.Workspaces.CreateApiKeyAsync(globex.Id, null, ToolScope.Full, TestStores.Actor, None);
        var second = await storage.Workspaces.CreateApiKeyAsync(acme.Id, "second", ToolScope.Create(true, null), TestStores.Actor, None);

        var keys = await storage.Workspaces.ListApiKeysAsync(acme.Id, None);

        Assert.Equal([first.Key.Id, second.Key.Id], keys.Select(k => k.Id).ToArray());
    }

    [SkippableFact]
    public async Task RevokeApiKeyAsync_KeyIsRefusedFromThen_AndASecondRevokeSaysSoAndChangesNothing()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var issued = await storage.Workspaces.CreateApiKeyAsync(workspace.Id, null, ToolScope.Full, TestStores.Actor, None);
        var other = await storage.Workspaces.CreateApiKeyAsync(workspace.Id, null, ToolScope.Full, TestStores.Actor, None);

        var first = await storage.Workspaces.RevokeApiKeyAsync(issued.Key.Id, TestStores.Actor, None);
        storage.Time.Advance(TimeSpan.FromMinutes(5));
        var second = await storage.Workspaces.RevokeApiKeyAsync(issued.Key.Id, TestStores.Actor, None);

        Assert.False(first.WasAlreadyRevoked);
        Assert.Equal(TestStores.Start, first.Key.RevokedAt);
        Assert.True(second.WasAlreadyRevoked);
        Assert.Equal(TestStores.Start, second.Key.RevokedAt);
        Assert.Null(await storage.Workspaces.FindByApiKeyAsync(issued.Secret, None));
        Assert.NotNull(await storage.Workspaces.FindByApiKeyAsync(other.Secret, None));
        Assert.Equal(TestStores.Start, (await storage.Workspaces.ListApiKeysAsync(workspace.Id, None))[0].RevokedAt);
    }

    [SkippableFact]
    public async Task RevokeApiKeyAsync_UnknownId_ThrowsEntityNotFound_NamingTheListCommand()
    {
        await using var storage = await backend.CreateAsync();

        var error = await Assert.ThrowsAsync<EntityNotFoundException>(() => storage.Workspaces.RevokeApiKeyAsync("key_nope", TestStores.Actor, None));

        Assert.Contains("key_nope", error.Message, StringComparison.Ordinal);
        Assert.Contains("apikey list", error.Message, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("line\nbreak")]
    public async Task CreateApiKeyAsync_BadName_IsRefusedAndNothingIsStored(string name)
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => storage.Workspaces.CreateApiKeyAsync(workspace.Id, name, ToolScope.Full, TestStores.Actor, None));

        Assert.Equal(0L, await storage.ScalarRawAsync("SELECT COUNT(*) FROM api_keys;"));
    }

    [SkippableFact]
    public async Task FindByApiKeyAsync_StoredPatternThatDoesNotParse_FailsInsteadOfWidening()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var issued = await storage.Workspaces.CreateApiKeyAsync(workspace.Id, null, ToolScope.Create(false, ["gmail_*"]), TestStores.Actor, None);
        await storage.ExecuteRawAsync("UPDATE api_keys SET tool_patterns = '[\"gmail send\"]';");

        await Assert.ThrowsAsync<ArgumentException>(() => storage.Workspaces.FindByApiKeyAsync(issued.Secret, None));
    }
}
