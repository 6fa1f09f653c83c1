using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Storage.Tests.Backends;

namespace Connectors.Mcp.Storage.Tests.Contracts;

public abstract class PolicyStoreContract(StorageBackend backend)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [SkippableFact]
    public async Task SetAsync_ThenGetAll_ReturnsPoliciesOfThatWorkspaceOnly()
    {
        await using var storage = await backend.CreateAsync();
        var acme = await storage.CreateWorkspaceAsync("acme");
        var other = await storage.CreateWorkspaceAsync("other");

        await storage.Policies.SetAsync(acme.Id, "gmail_send_email", ApprovalPolicy.Deny, TestStores.Actor, None);
        await storage.Policies.SetAsync(acme.Id, "gmail_search_inbox", ApprovalPolicy.Approve, TestStores.Actor, None);
        await storage.Policies.SetAsync(other.Id, "gmail_send_email", ApprovalPolicy.Auto, TestStores.Actor, None);

        var policies = await storage.Policies.GetAllAsync(acme.Id, None);
        Assert.Equal(2, policies.Count);
        Assert.Equal(ApprovalPolicy.Deny, policies["gmail_send_email"]);
        Assert.Equal(ApprovalPolicy.Approve, policies["gmail_search_inbox"]);
        Assert.Equal(ApprovalPolicy.Auto, (await storage.Policies.GetAllAsync(other.Id, None))["gmail_send_email"]);
    }

    [SkippableFact]
    public async Task SetAsync_SameToolAgain_ReplacesAndBumpsCatalogEachTime()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();

        await storage.Policies.SetAsync(workspace.Id, "gmail_send_email", ApprovalPolicy.Deny, TestStores.Actor, None);
        await storage.Policies.SetAsync(workspace.Id, "gmail_send_email", ApprovalPolicy.Auto, TestStores.Actor, None);

        Assert.Equal(ApprovalPolicy.Auto, (await storage.Policies.GetAllAsync(workspace.Id, None))["gmail_send_email"]);
        Assert.Equal(2L, await storage.Workspaces.GetCatalogVersionAsync(workspace.Id, None));
    }

    [SkippableFact]
    public async Task SetAsync_UnknownWorkspace_ThrowsEntityNotFound()
    {
        await using var storage = await backend.CreateAsync();

        await Assert.ThrowsAsync<EntityNotFoundException>(() => storage.Policies.SetAsync("ws_missing", "gmail_send_email", ApprovalPolicy.Deny, TestStores.Actor, None));
    }

    [SkippableFact]
    public async Task SetAsync_EmptyToolName_ThrowsArgumentException()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => storage.Policies.SetAsync(workspace.Id, " ", ApprovalPolicy.Deny, TestStores.Actor, None));
    }
}
