using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Pipeline.Approval.Rules;
using Connectors.Mcp.Core.Storage;

namespace Connectors.Mcp.Storage.Sqlite.Tests;

public sealed class SqliteApprovalRuleStoreTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task AddAsync_WithoutPosition_AppendsAndStoresEveryField()
    {
        using var storage = await TestStorage.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();

        var first = await storage.Rules.AddAsync(Rule(workspace, "gmail_send_email", "recipients-all-in:acme.com", ApprovalPolicy.Auto, "own domain"), TestStorage.Actor, None);
        var second = await storage.Rules.AddAsync(Rule(workspace, "gmail_send_email", "always", ApprovalPolicy.Approve), TestStorage.Actor, None);

        Assert.Matches("^rul_[0-9a-z]{24}$", first.Id);
        Assert.Equal((1, 2), (first.Position, second.Position));
        Assert.Equal(TestStorage.Start, first.CreatedAt);
        var listed = await storage.Rules.ListAsync(workspace.Id, None);
        Assert.Equal([first, second], listed);
        Assert.Equal(new RecipientsAllInCondition(DomainSet.Parse("acme.com")), listed[0].Condition);
        Assert.Equal("own domain", listed[0].Note);
        Assert.Null(listed[1].Note);
        Assert.Equal("recipients-all-in:acme.com", storage.ScalarRaw("SELECT condition FROM approval_rules WHERE id = $id;", ("$id", first.Id)));
        Assert.Equal("auto", storage.ScalarRaw("SELECT effect FROM approval_rules WHERE id = $id;", ("$id", first.Id)));
    }

    [Fact]
    public async Task AddAsync_AtAPosition_MovesLaterRulesDown()
    {
        using var storage = await TestStorage.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var a = await storage.Rules.AddAsync(Rule(workspace, "a"), TestStorage.Actor, None);
        var b = await storage.Rules.AddAsync(Rule(workspace, "b"), TestStorage.Actor, None);
        var c = await storage.Rules.AddAsync(Rule(workspace, "c"), TestStorage.Actor, None);

        var top = await storage.Rules.AddAsync(Rule(workspace, "top") with { Position = 1 }, TestStorage.Actor, None);
        var middle = await storage.Rules.AddAsync(Rule(workspace, "middle") with { Position = 3 }, TestStorage.Actor, None);
        var last = await storage.Rules.AddAsync(Rule(workspace, "last") with { Position = 6 }, TestStorage.Actor, None);

        var listed = await storage.Rules.ListAsync(workspace.Id, None);
        Assert.Equal(["top", "a", "middle", "b", "c", "last"], listed.Select(r => r.ToolPattern));
        Assert.Equal([1, 2, 3, 4, 5, 6], listed.Select(r => r.Position));
        Assert.Equal([top.Id, a.Id, middle.Id, b.Id, c.Id], listed.Take(5).Select(r => r.Id));
        Assert.Equal(6, last.Position);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(4)]
    public async Task AddAsync_PositionOutsideOneToCountPlusOne_IsRefusedAndNothingChanges(int position)
    {
        using var storage = await TestStorage.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        await storage.Rules.AddAsync(Rule(workspace, "a"), TestStorage.Actor, None);
        await storage.Rules.AddAsync(Rule(workspace, "b"), TestStorage.Actor, None);
        var version = await storage.Workspaces.GetCatalogVersionAsync(workspace.Id, None);

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => storage.Rules.AddAsync(Rule(workspace, "c") with { Position = position }, TestStorage.Actor, None));

        Assert.Equal(nameof(NewApprovalRule.Position), error.ParamName);
        Assert.Contains("between 1 and 3", error.Message, StringComparison.Ordinal);
        Assert.Equal(["a", "b"], (await storage.Rules.ListAsync(workspace.Id, None)).Select(r => r.ToolPattern));
        Assert.Equal(version, await storage.Workspaces.GetCatalogVersionAsync(workspace.Id, None));
    }

    [Fact]
    public async Task RemoveAsync_MovesLaterRulesUp()
    {
        using var storage = await TestStorage.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var a = await storage.Rules.AddAsync(Rule(workspace, "a"), TestStorage.Actor, None);
        var b = await storage.Rules.AddAsync(Rule(workspace, "b"), TestStorage.Actor, None);
        var c = await storage.Rules.AddAsync(Rule(workspace, "c"), TestStorage.Actor, None);
        var d = await storage.Rules.AddAsync(Rule(workspace, "d"), TestStorage.Actor, None);

        Assert.True(await storage.Rules.RemoveAsync(workspace.Id, b.Id, TestStorage.Actor, None));
        Assert.Equal([(a.Id, 1), (c.Id, 2), (d.Id, 3)], (await storage.Rules.ListAsync(workspace.Id, None)).Select(r => (r.Id, r.Position)));

        Assert.True(await storage.Rules.RemoveAsync(workspace.Id, a.Id, TestStorage.Actor, None));
        Assert.True(await storage.Rules.RemoveAsync(workspace.Id, d.Id, TestStorage.Actor, None));
        Assert.Equal([(c.Id, 1)], (await storage.Rules.ListAsync(workspace.Id, None)).Select(r => (r.Id, r.Position)));

        var again = await storage.Rules.AddAsync(Rule(workspace, "e") with { Position = 1 }, TestStorage.Actor, None);
        Assert.Equal([(again.Id, 1), (c.Id, 2)], (await storage.Rules.ListAsync(workspace.Id, None)).Select(r => (r.Id, r.Position)));
    }

    [Fact]
    public async Task EveryChange_BumpsTheWorkspaceCatalogVersion()
    {
        using var storage = await TestStorage.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var start = await storage.Workspaces.GetCatalogVersionAsync(workspace.Id, None);

        var rule = await storage.Rules.AddAsync(Rule(workspace, "a"), TestStorage.Actor, None);
        Assert.Equal(start + 1, await storage.Workspaces.GetCatalogVersionAsync(workspace.Id, None));

        await storage.Rules.AddAsync(Rule(workspace, "b") with { Position = 1 }, TestStorage.Actor, None);
        Assert.Equal(start + 2, await storage.Workspaces.GetCatalogVersionAsync(workspace.Id, None));

        Assert.True(await storage.Rules.RemoveAsync(workspace.Id, rule.Id, TestStorage.Actor, None));
        Assert.Equal(start + 3, await storage.Workspaces.GetCatalogVersionAsync(workspace.Id, None));

        Assert.False(await storage.Rules.RemoveAsync(workspace.Id, rule.Id, TestStorage.Actor, None));
        Assert.Equal(start + 3, await storage.Workspaces.GetCatalogVersionAsync(workspace.Id, None));
    }

    [Fact]
    public async Task Workspaces_AreIsolated()
    {
        using var storage = await TestStorage.CreateAsync();
        var acme = await storage.CreateWorkspaceAsync("acme");
        var other = await storage.CreateWorkspaceAsync("other");
        var acmeRule = await storage.Rules.AddAsync(Rule(acme, "a"), TestStorage.Actor, None);
        var otherRule = await storage.Rules.AddAsync(Rule(other, "b"), TestStorage.Actor, None);

        Assert.Equal(1, otherRule.Position);
        Assert.Equal([acmeRule], await storage.Rules.ListAsync(acme.Id, None));
        Assert.Equal([otherRule], await storage.Rules.ListAsync(other.Id, None));

        // Another workspace's rule is reported like a missing one, and stays.
        Assert.False(await storage.Rules.RemoveAsync(acme.Id, otherRule.Id, TestStorage.Actor, None));
        Assert.Equal([otherRule], await storage.Rules.ListAsync(other.Id, None));
        Assert.Equal(1L, await storage.Workspaces.GetCatalogVersionAsync(other.Id, None));
    }

    [Fact]
    public async Task Rules_SurviveReopeningTheFile()
    {
        using var storage = await TestStorage.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var first = await storage.Rules.AddAsync(Rule(workspace, "*delete*", "always", ApprovalPolicy.Deny), TestStorage.Actor, None);
        var second = await storage.Rules.AddAsync(Rule(workspace, "google_calendar_create_event", "recipients-any-outside:workspace,*.acme.com", ApprovalPolicy.Approve, "ask for guests"), TestStorage.Actor, None);

        var reopened = new SqliteApprovalRuleStore(storage.OpenDatabase(), storage.Time);

        Assert.Equal([first, second], await reopened.ListAsync(workspace.Id, None));
    }

    [Fact]
    public async Task DeletingTheWorkspace_DeletesItsRules()
    {
        using var storage = await TestStorage.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        await storage.Rules.AddAsync(Rule(workspace, "a"), TestStorage.Actor, None);

        storage.ExecuteRaw("PRAGMA foreign_keys = ON; DELETE FROM workspaces WHERE id = $id;", ("$id", workspace.Id));

        Assert.Equal(0L, storage.ScalarRaw("SELECT COUNT(*) FROM approval_rules;"));
    }

    [Fact]
    public async Task AddAsync_UnknownWorkspace_ThrowsEntityNotFound()
    {
        using var storage = await TestStorage.CreateAsync();

        await Assert.ThrowsAsync<EntityNotFoundException>(() => storage.Rules.AddAsync(
            new NewApprovalRule("ws_missing", "a", new AlwaysCondition(), ApprovalPolicy.Deny, null), TestStorage.Actor, None));
    }

    [Theory]
    [InlineData("")]
    [InlineData("gmail send")]
    [InlineData("gmail_?")]
    public async Task AddAsync_BadToolPattern_ThrowsArgumentExceptionNamingTheField(string pattern)
    {
        using var storage = await TestStorage.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => storage.Rules.AddAsync(Rule(workspace, pattern), TestStorage.Actor, None));

        Assert.Equal(nameof(NewApprovalRule.ToolPattern), error.ParamName);
        Assert.Empty(await storage.Rules.ListAsync(workspace.Id, None));
    }

    [Fact]
    public async Task AddAsync_NoteTooLong_ThrowsArgumentException()
    {
        using var storage = await TestStorage.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => storage.Rules.AddAsync(
            Rule(workspace, "a", note: new string('n', SqliteApprovalRuleStore.MaxNoteLength + 1)), TestStorage.Actor, None));

        Assert.Equal(nameof(NewApprovalRule.Note), error.ParamName);
    }

    private static NewApprovalRule Rule(Workspace workspace, string tool, string condition = "always", ApprovalPolicy effect = ApprovalPolicy.Approve, string? note = null) =>
        new(workspace.Id, tool, RuleCondition.Parse(condition), effect, note);
}
