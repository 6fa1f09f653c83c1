using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Pipeline.Approval.Rules;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Storage.Tests.Backends;

namespace Connectors.Mcp.Storage.Tests.Contracts;

public abstract class ApprovalRuleStoreContract(StorageBackend backend)
{
    /// <summary>The note limit of every backend's rule store.</summary>
    private const int MaxNoteLength = 500;

    private static readonly CancellationToken None = CancellationToken.None;

    [SkippableFact]
    public async Task AddAsync_WithoutPosition_AppendsAndStoresEveryField()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();

        var first = await storage.Rules.AddAsync(Rule(workspace, "gmail_send_email", "recipients-all-in:acme.com", ApprovalPolicy.Auto, "own domain"), TestStores.Actor, None);
        var second = await storage.Rules.AddAsync(Rule(workspace, "gmail_send_email", "always", ApprovalPolicy.Approve), TestStores.Actor, None);

        Assert.Matches("^rul_[0-9a-z]{24}$", first.Id);
        Assert.Equal((1, 2), (first.Position, second.Position));
        Assert.Equal(TestStores.Start, first.CreatedAt);
        var listed = await storage.Rules.ListAsync(workspace.Id, None);
        Assert.Equal([first, second], listed);
        Assert.Equal(new RecipientsAllInCondition(DomainSet.Parse("acme.com")), listed[0].Condition);
        Assert.Equal("own domain", listed[0].Note);
        Assert.Null(listed[1].Note);
        Assert.Equal("recipients-all-in:acme.com", await storage.ScalarRawAsync("SELECT condition FROM approval_rules WHERE id = @id;", ("@id", first.Id)));
        Assert.Equal("auto", await storage.ScalarRawAsync("SELECT effect FROM approval_rules WHERE id = @id;", ("@id", first.Id)));
    }

    [SkippableFact]
    public async Task AddAsync_AtAPosition_MovesLaterRulesDown()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var a = await storage.Rules.AddAsync(Rule(workspace, "a"), TestStores.Actor, None);
        var b = await storage.Rules.AddAsync(Rule(workspace, "b"), TestStores.Actor, None);
        var c = await storage.Rules.AddAsync(Rule(workspace, "c"), TestStores.Actor, None);

        var top = await storage.Rules.AddAsync(Rule(workspace, "top") with { Position = 1 }, TestStores.Actor, None);
        var middle = await storage.Rules.AddAsync(Rule(workspace, "middle") with { Position = 3 }, TestStores.Actor, None);
        var last = await storage.Rules.AddAsync(Rule(workspace, "last") with { Position = 6 }, TestStores.Actor, None);

        var listed = await storage.Rules.ListAsync(workspace.Id, None);
        Assert.Equal(["top", "a", "middle", "b", "c", "last"], listed.Select(r => r.ToolPattern));
        Assert.Equal([1, 2, 3, 4, 5, 6], listed.Select(r => r.Position));
        Assert.Equal([top.Id, a.Id, middle.Id, b.Id, c.Id], listed.Take(5).Select(r => r.Id));
        Assert.Equal(6, last.Position);
    }

    [SkippableTheory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(4)]
    public async Task AddAsync_PositionOutsideOneToCountPlusOne_IsRefusedAndNothingChanges(int position)
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        await storage.Rules.AddAsync(Rule(workspace, "a"), TestStores.Actor, None);
        await storage.Rules.AddAsync(Rule(workspace, "b"), TestStores.Actor, None);
        var version = await storage.Workspaces.GetCatalogVersionAsync(workspace.Id, None);

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => storage.Rules.AddAsync(Rule(workspace, "c") with { Position = position }, TestStores.Actor, None));

        Assert.Equal(nameof(NewApprovalRule.Position), error.ParamName);
        Assert.Contains("between 1 and 3", error.Message, StringComparison.Ordinal);
        Assert.Equal(["a", "b"], (await storage.Rules.ListAsync(workspace.Id, None)).Select(r => r.ToolPattern));
        Assert.Equal(version, await storage.Workspaces.GetCatalogVersionAsync(workspace.Id, None));
    }

    [SkippableFact]
    public async Task RemoveAsync_MovesLaterRulesUp()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var a = await storage.Rules.AddAsync(Rule(workspace, "a"), TestStores.Actor, None);
        var b = await storage.Rules.AddAsync(Rule(workspace, "b"), TestStores.Actor, None);
        var c = await storage.Rules.AddAsync(Rule(workspace, "c"), TestStores.Actor, None);
        var d = await storage.Rules.AddAsync(Rule(workspace, "d"), TestStores.Actor, None);

        Assert.True(await storage.Rules.RemoveAsync(workspace.Id, b.Id, TestStores.Actor, None));
        Assert.Equal([(a.Id, 1), (c.Id, 2), (d.Id, 3)], (await storage.Rules.ListAsync(workspace.Id, None)).Select(r => (r.Id, r.Position)));

        Assert.True(await storage.Rules.RemoveAsync(workspace.Id, a.Id, TestStores.Actor, None));
        Assert.True(await storage.Rules.RemoveAsync(workspace.Id, d.Id, TestStores.Actor, None));
        Assert.Equal([(c.Id, 1)], (await storage.Rules.ListAsync(workspace.Id, None)).Select(r => (r.Id, r.Position)));

        var again = await storage.Rules.AddAsync(Rule(workspace, "e") with { Position = 1 }, TestStores.Actor, None);
        Assert.Equal([(again.Id, 1), (c.Id, 2)], (await storage.Rules.ListAsync(workspace.Id, None)).Select(r => (r.Id, r.Position)));
    }

    [SkippableFact]
    public async Task EveryChange_BumpsTheWorkspaceCatalogVersion()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var start = await storage.Workspaces.GetCatalogVersionAsync(workspace.Id, None);

        var rule = await storage.Rules.AddAsync(Rule(workspace, "a"), TestStores.Actor, None);
        Assert.Equal(start + 1, await storage.Workspaces.GetCatalogVersionAsync(workspace.Id, None));

        await storage.Rules.AddAsync(Rule(workspace, "b") with { Position = 1 }, TestStores.Actor, None);
        Assert.Equal(start + 2, await storage.Workspaces.GetCatalogVersionAsync(workspace.Id, None));

        Assert.True(await storage.Rules.RemoveAsync(workspace.Id, rule.Id, TestStores.Actor, None));
        Assert.Equal(start + 3, await storage.Workspaces.GetCatalogVersionAsync(workspace.Id, None));

        Assert.False(await storage.Rules.RemoveAsync(workspace.Id, rule.Id, TestStores.Actor, None));
        Assert.Equal(start + 3, await storage.Workspaces.GetCatalogVersionAsync(workspace.Id, None));
    }

    [SkippableFact]
    public async Task Workspaces_AreIsolated()
    {
        await using var storage = await backend.CreateAsync();
        var acme = await storage.CreateWorkspaceAsync("acme");
        var other = await storage.CreateWorkspaceAsync("other");
        var acmeRule = await storage.Rules.AddAsync(Rule(acme, "a"), TestStores.Actor, None);
        var otherRule = await storage.Rules.AddAsync(Rule(other, "b"), TestStores.Actor, None);

        Assert.Equal(1, otherRule.Position);
        Assert.Equal([acmeRule], await storage.Rules.ListAsync(acme.Id, None));
        Assert.Equal([otherRule], await storage.Rules.ListAsync(other.Id, None));

        // Another workspace's rule is reported like a missing one, and stays.
        Assert.False(await storage.Rules.RemoveAsync(acme.Id, otherRule.Id, TestStores.Actor, None));
        Assert.Equal([otherRule], await storage.Rules.ListAsync(other.Id, None));
        Assert.Equal(1L, await storage.Workspaces.GetCatalogVersionAsync(other.Id, None));
    }

    [SkippableFact]
    public async Task Rules_AreReadTheSameByAnotherInstance()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var first = await storage.Rules.AddAsync(Rule(workspace, "*delete*", "always", ApprovalPolicy.Deny), TestStores.Actor, None);
        var second = await storage.Rules.AddAsync(Rule(workspace, "google_calendar_create_event", "recipients-any-outside:workspace,*.acme.com", ApprovalPolicy.Approve, "ask for guests"), TestStores.Actor, None);

        var reopened = (await storage.OpenAnotherInstanceAsync()).Rules;

        Assert.Equal([first, second], await reopened.ListAsync(workspace.Id, None));
    }

    [SkippableFact]
    public async Task DeletingTheWorkspace_DeletesItsRules()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        await storage.Rules.AddAsync(Rule(workspace, "a"), TestStores.Actor, None);

        // SQLite enforces foreign keys per connection (the stores' connections turn them on; a raw one must too).
        await storage.ExecuteRawAsync((storage.Backend == "sqlite" ? "PRAGMA foreign_keys = ON; " : "") + "DELETE FROM workspaces WHERE id = @id;", ("@id", workspace.Id));

        Assert.Equal(0L, await storage.ScalarRawAsync("SELECT COUNT(*) FROM approval_rules;"));
    }

    [SkippableFact]
    public async Task AddAsync_UnknownWorkspace_ThrowsEntityNotFound()
    {
        await using var storage = await backend.CreateAsync();

        await Assert.ThrowsAsync<EntityNotFoundException>(() => storage.Rules.AddAsync(
            new NewApprovalRule("ws_missing", "a", new AlwaysCondition(), ApprovalPolicy.Deny, null), TestStores.Actor, None));
    }

    [SkippableTheory]
    [InlineData("")]
    [InlineData("gmail send")]
    [InlineData("gmail_?")]
    public async Task AddAsync_BadToolPattern_ThrowsArgumentExceptionNamingTheField(string pattern)
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => storage.Rules.AddAsync(Rule(workspace, pattern), TestStores.Actor, None));

        Assert.Equal(nameof(NewApprovalRule.ToolPattern), error.ParamName);
        Assert.Empty(await storage.Rules.ListAsync(workspace.Id, None));
    }

    [SkippableFact]
    public async Task AddAsync_NoteTooLong_ThrowsArgumentException()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => storage.Rules.AddAsync(
            Rule(workspace, "a", note: new string('n', MaxNoteLength + 1)), TestStores.Actor, None));

        Assert.Equal(nameof(NewApprovalRule.Note), error.ParamName);
    }

    private static NewApprovalRule Rule(Workspace workspace, string tool, string condition = "always", ApprovalPolicy effect = ApprovalPolicy.Approve, string? note = null) =>
        new(workspace.Id, tool, RuleCondition.Parse(condition), effect, note);
}
