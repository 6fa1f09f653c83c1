using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Connectors.Mcp.Core.Storage;

namespace Connectors.Mcp.Storage.Sqlite.Tests;

public sealed class SqliteWorkspaceStoreTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [InlineData("ab")]
    [InlineData("acme")]
    [InlineData("team-2")]
    [InlineData("0day")]
    public async Task CreateAsync_ValidSlug_ReturnsWorkspaceWithPrefixedRandomId(string slug)
    {
        using var storage = await TestStorage.CreateAsync();

        var workspace = await storage.Workspaces.CreateAsync(slug, WorkspacePlan.Pro, None);

        Assert.Matches(new Regex("^ws_[0-9a-z]{24}$"), workspace.Id);
        Assert.Equal(slug, workspace.Slug);
        Assert.Equal(WorkspacePlan.Pro, workspace.Plan);
        Assert.Equal(TestStorage.Start, workspace.CreatedAt);
        Assert.Equal(workspace, await storage.Workspaces.FindBySlugAsync(slug, None));
        Assert.Equal(workspace, await storage.Workspaces.FindByIdAsync(workspace.Id, None));
        Assert.Equal("2026-02-06T12:00:00.000Z", storage.ScalarRaw("SELECT created_at FROM workspaces;"));
    }

    [Fact]
    public async Task CreateAsync_MaximumLengthSlug_IsAccepted()
    {
        using var storage = await TestStorage.CreateAsync();

        var workspace = await storage.Workspaces.CreateAsync("a" + new string('b', 62), WorkspacePlan.Free, None);

        Assert.Equal(63, workspace.Slug.Length);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("Acme")]
    [InlineData("-acme")]
    [InlineData("acme_1")]
    [InlineData("acme\n")]
    [InlineData("ac me")]
    [InlineData("")]
    public async Task CreateAsync_InvalidSlug_ThrowsArgumentExceptionSayingTheRule(string slug)
    {
        using var storage = await TestStorage.CreateAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => storage.Workspaces.CreateAsync(slug, WorkspacePlan.Free, None));

        Assert.Contains("lowercase letters, digits and hyphens", error.Message, StringComparison.Ordinal);
        Assert.Equal(0L, storage.ScalarRaw("SELECT COUNT(*) FROM workspaces;"));
    }

    [Fact]
    public async Task CreateAsync_SlugTooLong_ThrowsArgumentException()
    {
        using var storage = await TestStorage.CreateAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => storage.Workspaces.CreateAsync(new string('a', 64), WorkspacePlan.Free, None));
    }

    [Fact]
    public async Task CreateAsync_DuplicateSlug_ThrowsConflict()
    {
        using var storage = await TestStorage.CreateAsync();
        await storage.CreateWorkspaceAsync("acme");

        var error = await Assert.ThrowsAsync<ConflictException>(() => storage.Workspaces.CreateAsync("acme", WorkspacePlan.Pro, None));

        Assert.Equal("Workspace 'acme' already exists.", error.Message);
    }

    [Fact]
    public async Task ListAsync_SeveralWorkspaces_ReturnsAllBySlug()
    {
        using var storage = await TestStorage.CreateAsync();
        await storage.CreateWorkspaceAsync("zeta");
        await storage.CreateWorkspaceAsync("acme", WorkspacePlan.Enterprise);

        var workspaces = await storage.Workspaces.ListAsync(None);

        Assert.Equal(["acme", "zeta"], workspaces.Select(w => w.Slug));
        Assert.Equal(WorkspacePlan.Enterprise, workspaces[0].Plan);
    }

    [Fact]
    public async Task FindBySlugAsync_Unknown_ReturnsNull()
    {
        using var storage = await TestStorage.CreateAsync();

        Assert.Null(await storage.Workspaces.FindBySlugAsync("nobody", None));
        Assert.Null(await storage.Workspaces.FindByIdAsync("ws_nobody", None));
    }

    [Fact]
    public async Task CreateApiKeyAsync_NewKey_StoresOnlyItsSha256AndFindsWorkspaceByIt()
    {
        using var storage = await TestStorage.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();

        var apiKey = await storage.Workspaces.CreateApiKeyAsync(workspace.Id, TestStorage.Actor, None);

        Assert.Matches(new Regex("^cmk_[A-Za-z0-9_-]{43}$"), apiKey);
        var expectedHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));
        Assert.Equal(expectedHash, storage.ScalarRaw("SELECT key_hash FROM api_keys;"));
        Assert.False(storage.FilesContain(apiKey));
        Assert.True(storage.FilesContain(expectedHash)); // the search itself works
        Assert.Equal(workspace, (await storage.Workspaces.FindByApiKeyAsync(apiKey, None))?.Workspace);
    }

    [Fact]
    public async Task CreateApiKeyAsync_Twice_ReturnsDifferentKeysBothValid()
    {
        using var storage = await TestStorage.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();

        var first = await storage.Workspaces.CreateApiKeyAsync(workspace.Id, TestStorage.Actor, None);
        var second = await storage.Workspaces.CreateApiKeyAsync(workspace.Id, TestStorage.Actor, None);

        Assert.NotEqual(first, second);
        Assert.Equal(workspace.Id, ((await storage.Workspaces.FindByApiKeyAsync(first, None))?.Workspace)?.Id);
        Assert.Equal(workspace.Id, ((await storage.Workspaces.FindByApiKeyAsync(second, None))?.Workspace)?.Id);
    }

    [Fact]
    public async Task CreateApiKeyAsync_UnknownWorkspace_ThrowsEntityNotFound()
    {
        using var storage = await TestStorage.CreateAsync();

        var error = await Assert.ThrowsAsync<EntityNotFoundException>(() => storage.Workspaces.CreateApiKeyAsync("ws_missing", TestStorage.Actor, None));

        Assert.Contains("workspace list", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("cmk_wrong")]
    [InlineData("not-a-key")]
    public async Task FindByApiKeyAsync_WrongKey_ReturnsNull(string apiKey)
    {
        using var storage = await TestStorage.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        await storage.Workspaces.CreateApiKeyAsync(workspace.Id, TestStorage.Actor, None);

        Assert.Null((await storage.Workspaces.FindByApiKeyAsync(apiKey, None))?.Workspace);
    }

    [Fact]
    public async Task FindByApiKeyAsync_KeyOfOtherWorkspace_ReturnsThatWorkspaceOnly()
    {
        using var storage = await TestStorage.CreateAsync();
        var acme = await storage.CreateWorkspaceAsync("acme");
        var other = await storage.CreateWorkspaceAsync("other");
        var otherKey = await storage.Workspaces.CreateApiKeyAsync(other.Id, TestStorage.Actor, None);

        var found = (await storage.Workspaces.FindByApiKeyAsync(otherKey, None))?.Workspace;

        Assert.Equal(other.Id, found?.Id);
        Assert.NotEqual(acme.Id, found?.Id);
    }

    [Fact]
    public async Task FindByApiKeyAsync_RevokedKey_ReturnsNull()
    {
        using var storage = await TestStorage.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var apiKey = await storage.Workspaces.CreateApiKeyAsync(workspace.Id, TestStorage.Actor, None);

        storage.ExecuteRaw("UPDATE api_keys SET revoked_at = '2026-02-07T00:00:00.000Z';");

        Assert.Null((await storage.Workspaces.FindByApiKeyAsync(apiKey, None))?.Workspace);
    }

    [Fact]
    public async Task GetCatalogVersionAsync_NewWorkspace_IsZero()
    {
        using var storage = await TestStorage.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();

        Assert.Equal(0L, await storage.Workspaces.GetCatalogVersionAsync(workspace.Id, None));
    }

    [Fact]
    public async Task GetCatalogVersionAsync_UnknownWorkspace_ThrowsEntityNotFound()
    {
        using var storage = await TestStorage.CreateAsync();

        await Assert.ThrowsAsync<EntityNotFoundException>(() => storage.Workspaces.GetCatalogVersionAsync("ws_missing", None));
    }

    [Fact]
    public async Task SetRateLimitsAsync_StoresOverrides_ReadEverywhere_AndBumpsTheCatalogVersion()
    {
        using var storage = await TestStorage.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var key = await storage.Workspaces.CreateApiKeyAsync(workspace.Id, TestStorage.Actor, CancellationToken.None);
        var version = await storage.Workspaces.GetCatalogVersionAsync(workspace.Id, CancellationToken.None);
        Assert.Equal(RateLimitOverrides.None, workspace.RateLimitOverrides);

        var updated = await storage.Workspaces.SetRateLimitsAsync(workspace.Id, new RateLimitOverrides(100, 9), TestStorage.Actor, CancellationToken.None);

        Assert.Equal(new RateLimitOverrides(100, 9), updated.RateLimitOverrides);
        Assert.Equal(updated, await storage.Workspaces.FindByIdAsync(workspace.Id, CancellationToken.None));
        Assert.Equal(updated, await storage.Workspaces.FindBySlugAsync(workspace.Slug, CancellationToken.None));
        Assert.Equal(updated, (await storage.Workspaces.FindByApiKeyAsync(key, CancellationToken.None))?.Workspace);
        Assert.Equal(updated, Assert.Single(await storage.Workspaces.ListAsync(CancellationToken.None)));
        Assert.Equal(version + 1, await storage.Workspaces.GetCatalogVersionAsync(workspace.Id, CancellationToken.None));

        var cleared = await storage.Workspaces.SetRateLimitsAsync(workspace.Id, new RateLimitOverrides(null, 9), TestStorage.Actor, CancellationToken.None);
        Assert.Equal(new RateLimitOverrides(null, 9), cleared.RateLimitOverrides);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(PlanLimits.MaxCallsPerMinute + 1)]
    public async Task SetRateLimitsAsync_OutOfRange_IsRefusedAndNothingChanges(int value)
    {
        using var storage = await TestStorage.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => storage.Workspaces.SetRateLimitsAsync(workspace.Id, new RateLimitOverrides(null, value), TestStorage.Actor, CancellationToken.None));

        Assert.Equal(RateLimitOverrides.None, (await storage.Workspaces.FindByIdAsync(workspace.Id, CancellationToken.None))!.RateLimitOverrides);
    }

    [Fact]
    public async Task SetDomainsAsync_NormalisesStoresReadsEverywhereAndBumpsTheCatalogVersion()
    {
        using var storage = await TestStorage.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var key = await storage.Workspaces.CreateApiKeyAsync(workspace.Id, TestStorage.Actor, CancellationToken.None);
        var version = await storage.Workspaces.GetCatalogVersionAsync(workspace.Id, CancellationToken.None);
        Assert.Empty(workspace.Domains);

        var updated = await storage.Workspaces.SetDomainsAsync(workspace.Id, ["Acme.COM", "acme.io", "acme.com"], TestStorage.Actor, CancellationToken.None);

        Assert.Equal(["acme.com", "acme.io"], updated.Domains);
        Assert.Equal(["acme.com", "acme.io"], (await storage.Workspaces.FindByIdAsync(workspace.Id, CancellationToken.None))!.Domains);
        Assert.Equal(["acme.com", "acme.io"], (await storage.Workspaces.FindBySlugAsync(workspace.Slug, CancellationToken.None))!.Domains);
        Assert.Equal(["acme.com", "acme.io"], ((await storage.Workspaces.FindByApiKeyAsync(key, CancellationToken.None))?.Workspace)!.Domains);
        Assert.Equal(["acme.com", "acme.io"], Assert.Single(await storage.Workspaces.ListAsync(CancellationToken.None)).Domains);
        Assert.Equal("[\"acme.com\",\"acme.io\"]", storage.ScalarRaw("SELECT domains FROM workspaces WHERE id = $id;", ("$id", workspace.Id)));
        Assert.Equal(version + 1, await storage.Workspaces.GetCatalogVersionAsync(workspace.Id, CancellationToken.None));

        var cleared = await storage.Workspaces.SetDomainsAsync(workspace.Id, [], TestStorage.Actor, CancellationToken.None);
        Assert.Empty(cleared.Domains);
        Assert.Equal(workspace, cleared);
    }

    [Fact]
    public async Task SetDomainsAsync_OtherWorkspaces_KeepTheirDomains()
    {
        using var storage = await TestStorage.CreateAsync();
        var acme = await storage.CreateWorkspaceAsync("acme");
        var other = await storage.CreateWorkspaceAsync("other");

        await storage.Workspaces.SetDomainsAsync(acme.Id, ["acme.com"], TestStorage.Actor, CancellationToken.None);

        Assert.Empty((await storage.Workspaces.FindByIdAsync(other.Id, CancellationToken.None))!.Domains);
        Assert.Equal(0L, await storage.Workspaces.GetCatalogVersionAsync(other.Id, CancellationToken.None));
    }

    [Theory]
    [InlineData("acme")]
    [InlineData("*.acme.com")]
    [InlineData("workspace")]
    [InlineData("bob@acme.com")]
    [InlineData("acme..com")]
    [InlineData("")]
    public async Task SetDomainsAsync_NotADomain_IsRefusedNamingItAndNothingChanges(string bad)
    {
        using var storage = await TestStorage.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        await storage.Workspaces.SetDomainsAsync(workspace.Id, ["acme.com"], TestStorage.Actor, CancellationToken.None);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => storage.Workspaces.SetDomainsAsync(workspace.Id, ["acme.io", bad], TestStorage.Actor, CancellationToken.None));

        Assert.Contains($"'{bad}' is not a domain name", error.Message, StringComparison.Ordinal);
        Assert.Equal(["acme.com"], (await storage.Workspaces.FindByIdAsync(workspace.Id, CancellationToken.None))!.Domains);
    }

    [Fact]
    public async Task SetDomainsAsync_UnknownWorkspace_ThrowsEntityNotFound()
    {
        using var storage = await TestStorage.CreateAsync();

        await Assert.ThrowsAsync<EntityNotFoundException>(() => storage.Workspaces.SetDomainsAsync("ws_missing", ["acme.com"], TestStorage.Actor, CancellationToken.None));
    }
}
