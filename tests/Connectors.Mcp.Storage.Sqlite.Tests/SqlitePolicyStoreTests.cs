using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Storage;

namespace Connectors.Mcp.Storage.Sqlite.Tests;

public sealed class SqlitePolicyStoreTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task SetAsync_ThenGetAll_ReturnsPoliciesOfThatWorkspaceOnly()
    {
        using var storage = await TestStorage.CreateAsync();
        var acme = await storage.CreateWorkspaceAsync("acme");
        var other = await storage.CreateWorkspaceAsync("other");

        await storage.Policies.SetAsync(acme.Id, "gmail_send_email", ApprovalPolicy.Deny, TestStorage.Actor, None);
        await storage.Policies.SetAsync(acme.Id, "gmail_search_inbox", ApprovalPolicy.Approve, TestStorage.Actor, None);
        await storage.Policies.SetAsync(other.Id, "gmail_send_email", ApprovalPolicy.Auto, TestStorage.Actor, None);

        var policies = await storage.Policies.GetAllAsync(acme.Id, None);
        Assert.Equal(2, policies.Count);
        Assert.Equal(ApprovalPolicy.Deny, policies["gmail_send_email"]);
        Assert.Equal(ApprovalPolicy.Approve, policies["gmail_search_inbox"]);
        Assert.Equal(ApprovalPolicy.Auto, (await storage.Policies.GetAllAsync(other.Id, None))["gmail_send_email"]);
    }

    [Fact]
    public async Task SetAsync_SameToolAgain_ReplacesAndBumpsCatalogEachTime()
    {
        using var storage = await TestStorage.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();

        await storage.Policies.SetAsync(workspace.Id, "gmail_send_email", ApprovalPolicy.Deny, TestStorage.Actor, None);
        await storage.Policies.SetAsync(workspace.Id, "gmail_send_email", ApprovalPolicy.Auto, TestStorage.Actor, None);

        Assert.Equal(ApprovalPolicy.Auto, (await storage.Policies.GetAllAsync(workspace.Id, None))["gmail_send_email"]);
        Assert.Equal(2L, await storage.Workspaces.GetCatalogVersionAsync(workspace.Id, None));
    }

    [Fact]
    public async Task SetAsync_UnknownWorkspace_ThrowsEntityNotFound()
    {
        using var storage = await TestStorage.CreateAsync();

        await Assert.ThrowsAsync<EntityNotFoundException>(() => storage.Policies.SetAsync("ws_missing", "gmail_send_email", ApprovalPolicy.Deny, TestStorage.Actor, None));
    }

    [Fact]
    public async Task SetAsync_EmptyToolName_ThrowsArgumentException()
    {
        using var storage = await TestStorage.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => storage.Policies.SetAsync(workspace.Id, " ", ApprovalPolicy.Deny, TestStorage.Actor, None));
    }
}
