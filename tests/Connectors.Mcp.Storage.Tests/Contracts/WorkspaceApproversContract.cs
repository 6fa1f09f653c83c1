using System.Data.Common;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Storage.Tests.Backends;

namespace Connectors.Mcp.Storage.Tests.Contracts;

/// <summary><c>workspaces.approvers</c> (migration 0008): who may approve a workspace's gated calls, NULL = the mode's default.</summary>
public abstract class WorkspaceApproversContract(StorageBackend backend)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [SkippableFact]
    public async Task SetApproversAsync_StoresReadsEverywhereAndBumpsTheCatalogVersion_NullReturnsToTheDefault()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var key = await storage.Workspaces.CreateApiKeyAsync(workspace.Id, TestStores.Actor, None);
        var version = await storage.Workspaces.GetCatalogVersionAsync(workspace.Id, None);
        Assert.Null(workspace.Approvers);

        var updated = await storage.Workspaces.SetApproversAsync(workspace.Id, Approvers.Client, TestStores.Actor, None);

        Assert.Equal(Approvers.Client, updated.Approvers);
        Assert.Equal(Approvers.Client, (await storage.Workspaces.FindByIdAsync(workspace.Id, None))!.Approvers);
        Assert.Equal(Approvers.Client, (await storage.Workspaces.FindBySlugAsync(workspace.Slug, None))!.Approvers);
        Assert.Equal(Approvers.Client, ((await storage.Workspaces.FindByApiKeyAsync(key, None))?.Workspace)!.Approvers);
        Assert.Equal(Approvers.Client, Assert.Single(await storage.Workspaces.ListAsync(None)).Approvers);
        Assert.Equal("client", await storage.ScalarRawAsync("SELECT approvers FROM workspaces WHERE id = @id;", ("@id", workspace.Id)));
        Assert.Equal(version + 1, await storage.Workspaces.GetCatalogVersionAsync(workspace.Id, None));
        Assert.NotEqual(workspace, updated);

        Assert.Equal(Approvers.Person, (await storage.Workspaces.SetApproversAsync(workspace.Id, Approvers.Person, TestStores.Actor, None)).Approvers);
        var reset = await storage.Workspaces.SetApproversAsync(workspace.Id, null, TestStores.Actor, None);

        Assert.Null(reset.Approvers);
        Assert.Equal(workspace, reset);
        Assert.Equal(version + 3, await storage.Workspaces.GetCatalogVersionAsync(workspace.Id, None));
    }

    [SkippableFact]
    public async Task SetApproversAsync_OtherWorkspaces_KeepTheirs_UnknownWorkspace_IsNotFound()
    {
        await using var storage = await backend.CreateAsync();
        var acme = await storage.CreateWorkspaceAsync("acme");
        var other = await storage.CreateWorkspaceAsync("other");

        await storage.Workspaces.SetApproversAsync(acme.Id, Approvers.Person, TestStores.Actor, None);

        Assert.Null((await storage.Workspaces.FindByIdAsync(other.Id, None))!.Approvers);
        Assert.Equal(0L, await storage.Workspaces.GetCatalogVersionAsync(other.Id, None));
        await Assert.ThrowsAsync<EntityNotFoundException>(() => storage.Workspaces.SetApproversAsync("ws_missing", Approvers.Client, TestStores.Actor, None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => storage.Workspaces.SetApproversAsync(acme.Id, (Approvers)7, TestStores.Actor, None));
    }

    [SkippableFact]
    public async Task Column_AcceptsOnlyClientPersonOrNull()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();

        var error = await Assert.ThrowsAnyAsync<DbException>(() => storage.ExecuteRawAsync("UPDATE workspaces SET approvers = 'anyone' WHERE id = @id;", ("@id", workspace.Id)));

        Assert.Contains("check", error.Message, StringComparison.OrdinalIgnoreCase);
    }
}
