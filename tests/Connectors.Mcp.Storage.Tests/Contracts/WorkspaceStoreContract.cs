using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Storage.Tests.Backends;

namespace Connectors.Mcp.Storage.Tests.Contracts;

public abstract class WorkspaceStoreContract(StorageBackend backend)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [SkippableTheory]
    [InlineData("ab")]
    [InlineData("acme")]
    [InlineData("team-2")]
    [InlineData("0day")]
    public async Task CreateAsync_ValidSlug_ReturnsWorkspaceWithPrefixedRandomId(string slug)
    {
        await using var storage = await backend.CreateAsync();

        var workspace = await storage.Workspaces.CreateAsync(slug, WorkspacePlan.Pro, None);

        Assert.Matches(new Regex("^ws_[0-9a-z]{24}$"), workspace.Id);
        Assert.Equal(slug, workspace.Slug);
        Assert.Equal(WorkspacePlan.Pro, workspace.Plan);
        Assert.Equal(TestStores.Start, workspace.CreatedAt);
        Assert.Equal(workspace, await storage.Workspaces.FindBySlugAsync(slug, None));
        Assert.Equal(workspace, await storage.Workspaces.FindByIdAsync(workspace.Id, None));
        Assert.Equal("2026-02-06T12:00:00.000Z", RawValues.TimeText(await storage.ScalarRawAsync("SELECT created_at FROM workspaces;")));
    }

    [SkippableFact]
    public async Task CreateAsync_MaximumLengthSlug_IsAccepted()
    {
        await using var storage = await backend.CreateAsync();

        var workspace = await storage.Workspaces.CreateAsync("a" + new string('b', 62), WorkspacePlan.Free, None);

        Assert.Equal(63, workspace.Slug.Length);
    }

    [SkippableTheory]
    [InlineData("a")]
    [InlineData("Acme")]
    [InlineData("-acme")]
    [InlineData("acme_1")]
    [InlineData("acme\n")]
    [InlineData("ac me")]
    [InlineData("")]
    public async Task CreateAsync_InvalidSlug_ThrowsArgumentExceptionSayingTheRule(string slug)
    {
        await using var storage = await backend.CreateAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => storage.Workspaces.CreateAsync(slug, WorkspacePlan.Free, None));

        Assert.Contains("lowercase letters, digits and hyphens", error.Message, StringComparison.Ordinal);
        Assert.Equal(0L, await storage.ScalarRawAsync("SELECT COUNT(*) FROM workspaces;"));
    }

    [SkippableFact]
    public async Task CreateAsync_SlugTooLong_ThrowsArgumentException()
    {
        await using var storage = await backend.CreateAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => storage.Workspaces.CreateAsync(new string('a', 64), WorkspacePlan.Free, None));
    }

    [SkippableFact]
    public async Task CreateAsync_DuplicateSlug_ThrowsConflict()
    {
        await using var storage = await backend.CreateAsync();
        await storage.CreateWorkspaceAsync("acme");

        var error = await Assert.ThrowsAsync<ConflictException>(() => storage.Workspaces.CreateAsync("acme", WorkspacePlan.Pro, None));

        Assert.Equal("Workspace 'acme' already exists.", error.Message);
    }

    [SkippableFact]
    public async Task ListAsync_SeveralWorkspaces_ReturnsAllBySlug()
    {
        await using var storage = await backend.CreateAsync();
        await storage.CreateWorkspaceAsync("zeta");
        await storage.CreateWorkspaceAsync("acme", WorkspacePlan.Enterprise);

        var workspaces = await storage.Workspaces.ListAsync(None);

        Assert.Equal(["acme", "zeta"], workspaces.Select(w => w.Slug));
        Assert.Equal(WorkspacePlan.Enterprise, workspaces[0].Plan);
    }

    [SkippableFact]
    public async Task FindBySlugAsync_Unknown_ReturnsNull()
    {
        await using var storage = await backend.CreateAsync();

        Assert.Null(await storage.Workspaces.FindBySlugAsync("nobody", None));
        Assert.Null(await storage.Workspaces.FindByIdAsync("ws_nobody", None));
    }

    [SkippableFact]
    public async Task CreateApiKeyAsync_NewKey_StoresOnlyItsSha256AndFindsWorkspaceByIt()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();

        var apiKey = await storage.Workspaces.CreateApiKeyAsync(workspace.Id, TestStores.Actor, None);

        Assert.Matches(new Regex("^cmk_[A-Za-z0-9_-]{43}$"), apiKey);
        var expectedHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));
        Assert.Equal(expectedHash, await storage.ScalarRawAsync("SELECT key_hash FROM api_keys;"));
        Assert.False(await storage.ContainsAsync(apiKey));
        Assert.True(await storage.ContainsAsync(expectedHash)); // the search itself works
        Assert.Equal(workspace, (await storage.Workspaces.FindByApiKeyAsync(apiKey, None))?.Workspace);
    }

    [SkippableFact]
    public async Task CreateApiKeyAsync_Twice_ReturnsDifferentKeysBothValid()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();

        var first = await storage.Workspaces.CreateApiKeyAsync(workspace.Id, TestStores.Actor, None);
        var second = await storage.Workspaces.CreateApiKeyAsync(workspace.Id, TestStores.Actor, None);

        Assert.NotEqual(first, second);
        Assert.Equal(workspace.Id, ((await storage.Workspaces.FindByApiKeyAsync(first, None))?.Workspace)?.Id);
        Assert.Equal(workspace.Id, ((await storage.Workspaces.FindByApiKeyAsync(second, None))?.Workspace)?.Id);
    }

    [SkippableFact]
    public async Task CreateApiKeyAsync_UnknownWorkspace_ThrowsEntityNotFound()
    {
        await using var storage = await backend.CreateAsync();

        var error = await Assert.ThrowsAsync<EntityNotFoundException>(() => storage.Workspaces.CreateApiKeyAsync("ws_missing", TestStores.Actor, None));

        Assert.Contains("workspace list", error.Message, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("")]
    [InlineData("cmk_wrong")]
    [InlineData("not-a-key")]
    public async Task FindByApiKeyAsync_WrongKey_ReturnsNull(string apiKey)
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        await storage.Workspaces.CreateApiKeyAsync(workspace.Id, TestStores.Actor, None);

        Assert.Null((await storage.Workspaces.FindByApiKeyAsync(apiKey, None))?.Workspace);
    }

    [SkippableFact]
    public async Task FindByApiKeyAsync_KeyOfOtherWorkspace_ReturnsThatWorkspaceOnly()
    {
        await using var storage = await backend.CreateAsync();
        var acme = await storage.CreateWorkspaceAsync("acme");
        var other = await storage.CreateWorkspaceAsync("other");
        var otherKey = await storage.Workspaces.CreateApiKeyAsync(other.Id, TestStores.Actor, None);

        var found = (await storage.Workspaces.FindByApiKeyAsync(otherKey, None))?.Workspace;

        Assert.Equal(other.Id, found?.Id);
        Assert.NotEqual(acme.Id, found?.Id);
    }

    [SkippableFact]
    public async Task FindByApiKeyAsync_RevokedKey_ReturnsNull()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var apiKey = await storage.Workspaces.CreateApiKeyAsync(workspace.Id, TestStores.Actor, None);

        await storage.ExecuteRawAsync("UPDATE api_keys SET revoked_at = '2026-02-07T00:00:00.000Z';");

        Assert.Null((await storage.Workspaces.FindByApiKeyAsync(apiKey, None))?.Workspace);
    }

    [SkippableFact]
    public async Task GetCatalogVersionAsync_NewWorkspace_IsZero()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();

        Assert.Equal(0L, await storage.Workspaces.GetCatalogVersionAsync(workspace.Id, None));
    }

    [SkippableFact]
    public async Task GetCatalogVersionAsync_UnknownWorkspace_ThrowsEntityNotFound()
    {
        await using var storage = await backend.CreateAsync();

        await Assert.ThrowsAsync<EntityNotFoundException>(() => storage.Workspaces.GetCatalogVersionAsync("ws_missing", None));
    }

    [SkippableFact]
    public async Task SetRateLimitsAsync_StoresOverrides_ReadEverywhere_AndBumpsTheCatalogVersion()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var key = await storage.Workspaces.CreateApiKeyAsync(workspace.Id, TestStores.Actor, CancellationToken.None);
        var version = await storage.Workspaces.GetCatalogVersionAsync(workspace.Id, CancellationToken.None);
        Assert.Equal(RateLimitOverrides.None, workspace.RateLimitOverrides);

        var updated = await storage.Workspaces.SetRateLimitsAsync(workspace.Id, new RateLimitOverrides(100, 9), TestStores.Actor, CancellationToken.None);

        Assert.Equal(new RateLimitOverrides(100, 9), updated.RateLimitOverrides);
        Assert.Equal(updated, await storage.Workspaces.FindByIdAsync(workspace.Id, CancellationToken.None));
        Assert.Equal(updated, await storage.Workspaces.FindBySlugAsync(workspace.Slug, CancellationToken.None));
        Assert.Equal(updated, (await storage.Workspaces.FindByApiKeyAsync(key, CancellationToken.None))?.Workspace);
        Assert.Equal(updated, Assert.Single(await storage.Workspaces.ListAsync(CancellationToken.None)));
        Assert.Equal(version + 1, await storage.Workspaces.GetCatalogVersionAsync(workspace.Id, CancellationToken.None));

        var cleared = await storage.Workspaces.SetRateLimitsAsync(workspace.Id, new RateLimitOverrides(null, 9), TestStores.Actor, CancellationToken.None);
        Assert.Equal(new RateLimitOverrides(null, 9), cleared.RateLimitOverrides);
    }

    [SkippableTheory]
    [InlineData(0)]
    [InlineData(PlanLimits.MaxCallsPerMinute + 1)]
    public async Task SetRateLimitsAsync_OutOfRange_IsRefusedAndNothingChanges(int value)
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => storage.Workspaces.SetRateLimitsAsync(workspace.Id, new RateLimitOverrides(null, value), TestStores.Actor, CancellationToken.None));

        Assert.Equal(RateLimitOverrides.None, (await storage.Workspaces.FindByIdAsync(workspace.Id, CancellationToken.None))!.RateLimitOverrides);
    }

    [SkippableFact]
    public async Task SetDomainsAsync_NormalisesStoresReadsEverywhereAndBumpsTheCatalogVersion()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var key = await storage.Workspaces.CreateApiKeyAsync(workspace.Id, TestStores.Actor, CancellationToken.None);
        var version = await storage.Workspaces.GetCatalogVersionAsync(workspace.Id, CancellationToken.None);
        Assert.Empty(workspace.Domains);

        var updated = await storage.Workspaces.SetDomainsAsync(workspace.Id, ["Acme.COM", "acme.io", "acme.com"], TestStores.Actor, CancellationToken.None);

        Assert.Equal(["acme.com", "acme.io"], updated.Domains);
        Assert.Equal(["acme.com", "acme.io"], (await storage.Workspaces.FindByIdAsync(workspace.Id, CancellationToken.None))!.Domains);
        Assert.Equal(["acme.com", "acme.io"], (await storage.Workspaces.FindBySlugAsync(workspace.Slug, CancellationToken.None))!.Domains);
        Assert.Equal(["acme.com", "acme.io"], ((await storage.Workspaces.FindByApiKeyAsync(key, CancellationToken.None))?.Workspace)!.Domains);
        Assert.Equal(["acme.com", "acme.io"], Assert.Single(await storage.Workspaces.ListAsync(CancellationToken.None)).Domains);
        Assert.Equal("[\"acme.com\",\"acme.io\"]", await storage.ScalarRawAsync("SELECT domains FROM workspaces WHERE id = @id;", ("@id", workspace.Id)));
        Assert.Equal(version + 1, await storage.Workspaces.GetCatalogVersionAsync(workspace.Id, CancellationToken.None));

        var cleared = await storage.Workspaces.SetDomainsAsync(workspace.Id, [], TestStores.Actor, CancellationToken.None);
        Assert.Empty(cleared.Domains);
        Assert.Equal(workspace, cleared);
    }

    [SkippableFact]
    public async Task SetDomainsAsync_OtherWorkspaces_KeepTheirDomains()
    {
        await using var storage = await backend.CreateAsync();
        var acme = await storage.CreateWorkspaceAsync("acme");
        var other = await storage.CreateWorkspaceAsync("other");

        await storage.Workspaces.SetDomainsAsync(acme.Id, ["acme.com"], TestStores.Actor, CancellationToken.None);

        Assert.Empty((await storage.Workspaces.FindByIdAsync(other.Id, CancellationToken.None))!.Domains);
        Assert.Equal(0L, await storage.Workspaces.GetCatalogVersionAsync(other.Id, CancellationToken.None));
    }

    [SkippableTheory]
    [InlineData("acme")]
    [InlineData("*.acme.com")]
    [InlineData("workspace")]
    [InlineData("bob@acme.com")]
    [InlineData("acme..com")]
    [InlineData("")]
    public async Task SetDomainsAsync_NotADomain_IsRefusedNamingItAndNothingChanges(string bad)
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        await storage.Workspaces.SetDomainsAsync(workspace.Id, ["acme.com"], TestStores.Actor, CancellationToken.None);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => storage.Workspaces.SetDomainsAsync(workspace.Id, ["acme.io", bad], TestStores.Actor, CancellationToken.None));

        Assert.Contains($"'{bad}' is not a domain name", error.Message, StringComparison.Ordinal);
        Assert.Equal(["acme.com"], (await storage.Workspaces.FindByIdAsync(workspace.Id, CancellationToken.None))!.Domains);
    }

    [SkippableFact]
    public async Task SetDomainsAsync_UnknownWorkspace_ThrowsEntityNotFound()
    {
        await using var storage = await backend.CreateAsync();

        await Assert.ThrowsAsync<EntityNotFoundException>(() => storage.Workspaces.SetDomainsAsync("ws_missing", ["acme.com"], TestStores.Actor, CancellationToken.None));
    }
}
