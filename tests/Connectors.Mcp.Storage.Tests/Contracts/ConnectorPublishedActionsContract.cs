using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Core.Storage.Persistence;
using Connectors.Mcp.Storage.Tests.Backends;

namespace Connectors.Mcp.Storage.Tests.Contracts;

/// <summary>
/// A connector's published actions (issue 12's toolsets): all by default; a non-empty subset of its type's actions once
/// set; each change bumps the workspace's catalog version and leaves an operator audit row, in one transaction.
/// </summary>
public abstract class ConnectorPublishedActionsContract(StorageBackend backend)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [SkippableFact]
    public async Task NewConnector_PublishesEveryAction()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();

        var connector = await storage.Connectors.AddAsync(workspace.Id, "gmail", "gmail", new Dictionary<string, string>(), None);

        Assert.Null(connector.PublishedActions);
        Assert.True(connector.Publishes("send_email"));
        Assert.True(connector.Publishes("an_action_a_later_build_adds"));
    }

    [SkippableFact]
    public async Task SetPublishedActionsAsync_SetThenClear_StoresTypeOrderBumpsVersionEachTime()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var connector = await storage.Connectors.AddAsync(workspace.Id, "gmail", "gmail", new Dictionary<string, string>(), None);
        var before = await storage.Workspaces.GetCatalogVersionAsync(workspace.Id, None);

        var set = await storage.Connectors.SetPublishedActionsAsync(connector.Id, ["send_email", "search_inbox", "send_email"], TestStores.Actor, None);

        Assert.Equal(["search_inbox", "send_email"], set.PublishedActions); // the type's order, each once
        Assert.Equal(before + 1, await storage.Workspaces.GetCatalogVersionAsync(workspace.Id, None));

        var narrowed = await storage.Connectors.SetPublishedActionsAsync(connector.Id, ["search_inbox"], TestStores.Actor, None);
        Assert.Equal(["search_inbox"], (await storage.Connectors.FindAsync(connector.Id, None))!.PublishedActions);
        Assert.False(narrowed.Publishes("send_email"));
        Assert.Equal(["search_inbox"], (await storage.Connectors.GetWorkspaceConnectorsAsync(workspace.Id, None)).Single().PublishedActions);

        var all = await storage.Connectors.SetPublishedActionsAsync(connector.Id, null, TestStores.Actor, None);
        Assert.Null(all.PublishedActions);
        Assert.Equal(before + 3, await storage.Workspaces.GetCatalogVersionAsync(workspace.Id, None));
    }

    [SkippableFact]
    public async Task SetPublishedActionsAsync_UnknownAction_RefusedListingTheTypesActions_NothingChanges()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var connector = await storage.Connectors.AddAsync(workspace.Id, "gmail", "gmail", new Dictionary<string, string>(), None);
        var before = await storage.Workspaces.GetCatalogVersionAsync(workspace.Id, None);

        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => storage.Connectors.SetPublishedActionsAsync(connector.Id, ["search_inbox", "delete_everything"], TestStores.Actor, None));

        Assert.Contains("has no action 'delete_everything'; its actions: search_inbox, send_email.", error.Message, StringComparison.Ordinal);
        Assert.Null((await storage.Connectors.FindAsync(connector.Id, None))!.PublishedActions);
        Assert.Equal(before, await storage.Workspaces.GetCatalogVersionAsync(workspace.Id, None));
        Assert.Empty(await OperatorChangeRows.ReadAsync(storage, workspace.Id));
    }

    [SkippableFact]
    public async Task SetPublishedActionsAsync_EmptyList_RefusedPointingAtDisable()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var connector = await storage.Connectors.AddAsync(workspace.Id, "gmail", "gmail", new Dictionary<string, string>(), None);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => storage.Connectors.SetPublishedActionsAsync(connector.Id, [], TestStores.Actor, None));

        Assert.Contains($"connector disable {connector.Id}", error.Message, StringComparison.Ordinal);
        Assert.Null((await storage.Connectors.FindAsync(connector.Id, None))!.PublishedActions);
    }

    [SkippableFact]
    public async Task SetPublishedActionsAsync_UnknownConnector_NotFound()
    {
        await using var storage = await backend.CreateAsync();

        await Assert.ThrowsAsync<EntityNotFoundException>(() => storage.Connectors.SetPublishedActionsAsync("con_missing", null, TestStores.Actor, None));
    }

    [SkippableFact]
    public async Task SetPublishedActionsAsync_RecordsActorConnectorOldAndNewInTheOperatorAuditLog()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var connector = await storage.Connectors.AddAsync(workspace.Id, "gmail", "gmail", new Dictionary<string, string>(), None);

        await storage.Connectors.SetPublishedActionsAsync(connector.Id, ["search_inbox"], TestStores.Actor, None);
        await storage.Connectors.SetPublishedActionsAsync(connector.Id, null, OperatorActor.Admin("ops"), None);

        var changes = await OperatorChangeRows.ReadAsync(storage, workspace.Id);
        Assert.Equal(
            [("admin:ops", "all"), ("cli:test", "search_inbox")],
            changes.Select(c => (c.Actor, c.NewValue!)));
        Assert.All(changes, c => Assert.Equal((OperatorActions.ConnectorToolsSet, $"{connector.Id} 'gmail'", "acme"), (c.Action, c.Target!, c.WorkspaceSlug!)));
        Assert.Equal(["search_inbox", "all"], changes.Select(c => c.OldValue!));
    }

    [SkippableFact]
    public async Task SetPublishedActionsAsync_MovesTheWorkspacesConnectorWatermark()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var connector = await storage.Connectors.AddAsync(workspace.Id, "gmail", "gmail", new Dictionary<string, string>(), None);
        var marks = (await storage.OpenAnotherInstanceAsync()).Require(s => s.Watermarks);
        var before = (await marks.ReadAsync(storage.Time.GetUtcNow(), None)).Single().Connectors;

        await storage.Connectors.SetPublishedActionsAsync(connector.Id, ["search_inbox"], TestStores.Actor, None);

        // The admin event feed compares this mark: the console's Connectors view refreshes after a CLI change too.
        Assert.NotEqual(before, (await marks.ReadAsync(storage.Time.GetUtcNow(), None)).Single().Connectors);
    }
}
