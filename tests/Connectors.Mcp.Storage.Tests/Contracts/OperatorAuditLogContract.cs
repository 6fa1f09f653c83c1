using Connectors.Mcp.Core.Catalog;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Pipeline.Approval.Rules;
using System.Data.Common;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Storage.Tests.Backends;

namespace Connectors.Mcp.Storage.Tests.Contracts;

/// <summary>
/// Every operator change the stores make leaves one <c>operator_changes</c> row, written in the change's own
/// transaction: who, when, what, old and new value — never a secret.
/// </summary>
public abstract class OperatorAuditLogContract(StorageBackend backend)
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly OperatorActor Admin = OperatorActor.Admin("ops");

    [SkippableFact]
    public async Task PolicySet_RecordsActorToolOldAndNewPolicy_AtTheClocksTime()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();

        await storage.Policies.SetAsync(workspace.Id, "gmail_send_email", ApprovalPolicy.Auto, TestStores.Actor, None);
        storage.Time.Advance(TimeSpan.FromSeconds(3));
        await storage.Policies.SetAsync(workspace.Id, "gmail_send_email", ApprovalPolicy.Deny, Admin, None);

        var changes = await ListAsync(storage);
        Assert.Equal(2, changes.Count);
        Assert.Equal(
            new OperatorChange(changes[0].Id, TestStores.Start.AddSeconds(3), "admin:ops", workspace.Id, "acme", OperatorActions.PolicySet, "gmail_send_email", "auto", "deny"),
            changes[0]);
        Assert.Equal(
            new OperatorChange(changes[1].Id, TestStores.Start, "cli:test", workspace.Id, "acme", OperatorActions.PolicySet, "gmail_send_email", null, "auto"),
            changes[1]);
        Assert.True(changes[0].Id > changes[1].Id);
    }

    [SkippableFact]
    public async Task RuleAddAndRemove_RecordTheRuleAsText()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var first = await storage.Rules.AddAsync(
            new NewApprovalRule(workspace.Id, "gmail_send_email", RuleCondition.Parse("recipients-all-in:acme.com"), ApprovalPolicy.Auto, "own domain"), TestStores.Actor, None);
        var second = await storage.Rules.AddAsync(
            new NewApprovalRule(workspace.Id, "gmail_*", RuleCondition.Parse("always"), ApprovalPolicy.Deny, null, Position: 1), Admin, None);

        Assert.True(await storage.Rules.RemoveAsync(workspace.Id, first.Id, Admin, None));

        var changes = await ListAsync(storage);
        Assert.Equal([OperatorActions.RuleRemove, OperatorActions.RuleAdd, OperatorActions.RuleAdd], changes.Select(c => c.Action));
        Assert.Equal((first.Id, "#2 gmail_send_email when recipients-all-in:acme.com → auto (own domain)", (string?)null, "admin:ops"),
            (changes[0].Target, changes[0].OldValue, changes[0].NewValue, changes[0].Actor));
        Assert.Equal((second.Id, (string?)null, "#1 gmail_* when always → deny"), (changes[1].Target, changes[1].OldValue, changes[1].NewValue));
        Assert.Equal((first.Id, (string?)null, "#1 gmail_send_email when recipients-all-in:acme.com → auto (own domain)", "cli:test"),
            (changes[2].Target, changes[2].OldValue, changes[2].NewValue, changes[2].Actor));
    }

    [SkippableFact]
    public async Task ApproversSet_RecordsOldAndNewSetting_DefaultSpelledOut()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();

        await storage.Workspaces.SetApproversAsync(workspace.Id, Approvers.Client, Admin, None);
        await storage.Workspaces.SetApproversAsync(workspace.Id, null, TestStores.Actor, None);

        var changes = await ListAsync(storage);
        Assert.Equal(
            [(OperatorActions.ApproversSet, "cli:test", "client", "default"), (OperatorActions.ApproversSet, "admin:ops", "default", "client")],
            changes.Select(c => (c.Action, c.Actor, c.OldValue, c.NewValue)));
    }

    [SkippableFact]
    public async Task DomainsAndLimits_RecordOldAndNewValues()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();

        await storage.Workspaces.SetDomainsAsync(workspace.Id, ["ACME.com", "acme.io"], TestStores.Actor, None);
        await storage.Workspaces.SetDomainsAsync(workspace.Id, [], TestStores.Actor, None);
        await storage.Workspaces.SetRateLimitsAsync(workspace.Id, new RateLimitOverrides(120, null), TestStores.Actor, None);
        await storage.Workspaces.SetRateLimitsAsync(workspace.Id, RateLimitOverrides.None, TestStores.Actor, None);

        var changes = await ListAsync(storage);
        Assert.Equal(
            [
                (OperatorActions.LimitsSet, "calls_per_minute=120, connector_calls_per_minute=plan", "calls_per_minute=plan, connector_calls_per_minute=plan"),
                (OperatorActions.LimitsSet, "calls_per_minute=plan, connector_calls_per_minute=plan", "calls_per_minute=120, connector_calls_per_minute=plan"),
                (OperatorActions.DomainsSet, "acme.com,acme.io", ""),
                (OperatorActions.DomainsSet, "", "acme.com,acme.io"),
            ],
            changes.Select(c => (c.Action, c.OldValue!, c.NewValue!)));
        Assert.All(changes, c => Assert.Equal(("acme", (string?)null), (c.WorkspaceSlug!, c.Target)));
    }

    [SkippableFact]
    public async Task ApiKeyAndAdminToken_AreNamedByIdAndName_NeverBySecretOrHash()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var tokens = storage.AdminTokens;

        var key = await storage.Workspaces.CreateApiKeyAsync(workspace.Id, "reporting", ToolScope.Create(true, ["gmail_*"]), TestStores.Actor, None);
        var apiKey = key.Secret;
        await storage.Workspaces.RevokeApiKeyAsync(key.Key.Id, Admin, None);
        await storage.Workspaces.RevokeApiKeyAsync(key.Key.Id, Admin, None);
        var issued = await tokens.CreateAsync("ops laptop", TestStores.Actor, None);
        await tokens.RevokeAsync(issued.Token.Id, Admin, None);
        await tokens.RevokeAsync(issued.Token.Id, Admin, None);

        var changes = await ListAsync(storage);
        Assert.Equal(4, changes.Count);
        var keyHash = (string)(await storage.ScalarRawAsync("SELECT key_hash FROM api_keys;"))!;
        Assert.Equal(
            (OperatorActions.ApiKeyCreate, $"{key.Key.Id} 'reporting'", (string?)null, "active; scope: read-only, tools gmail_*", "acme"),
            (changes[3].Action, changes[3].Target!, changes[3].OldValue, changes[3].NewValue!, changes[3].WorkspaceSlug!));
        Assert.Equal(
            (OperatorActions.ApiKeyRevoke, $"{key.Key.Id} 'reporting'", "active", "revoked", "acme"),
            (changes[2].Action, changes[2].Target!, changes[2].OldValue!, changes[2].NewValue!, changes[2].WorkspaceSlug!));
        Assert.Equal(
            (OperatorActions.AdminTokenCreate, $"{issued.Token.Id} 'ops laptop'", (string?)null, "active", (string?)null),
            (changes[1].Action, changes[1].Target!, changes[1].OldValue, changes[1].NewValue!, changes[1].WorkspaceId));
        Assert.Equal(
            (OperatorActions.AdminTokenRevoke, $"{issued.Token.Id} 'ops laptop'", "active", "revoked", "admin:ops"),
            (changes[0].Action, changes[0].Target!, changes[0].OldValue!, changes[0].NewValue!, changes[0].Actor));
        Assert.DoesNotContain(changes, c => (c.Target ?? "").Contains(keyHash[..12], StringComparison.Ordinal));
        var everyValue = string.Join("\n", changes.SelectMany(c => new[] { c.Actor, c.Action, c.Target, c.OldValue, c.NewValue }));
        Assert.DoesNotContain(apiKey, everyValue, StringComparison.Ordinal);
        Assert.DoesNotContain(issued.Secret, everyValue, StringComparison.Ordinal);
        Assert.DoesNotContain("cmk_", everyValue, StringComparison.Ordinal);
        Assert.DoesNotContain("cma_", everyValue, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task RefusedChanges_RecordNothing()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();

        Assert.False(await storage.Rules.RemoveAsync(workspace.Id, "rul_unknown", TestStores.Actor, None));
        await Assert.ThrowsAsync<ArgumentException>(() => storage.Workspaces.SetDomainsAsync(workspace.Id, ["*.acme.com"], TestStores.Actor, None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            storage.Rules.AddAsync(new NewApprovalRule(workspace.Id, "gmail_*", RuleCondition.Parse("always"), ApprovalPolicy.Deny, null, Position: 5), TestStores.Actor, None));
        await Assert.ThrowsAsync<EntityNotFoundException>(() => storage.Policies.SetAsync("ws_unknown", "gmail_send_email", ApprovalPolicy.Auto, TestStores.Actor, None));

        Assert.Empty(await ListAsync(storage));
    }

    [SkippableFact]
    public async Task RecordThatCannotBeWritten_RollsTheChangeBack()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        if (storage.Backend == "sqlite")
        {
            await storage.ExecuteRawAsync("CREATE TRIGGER refuse_records BEFORE INSERT ON operator_changes BEGIN SELECT RAISE(ABORT, 'no records'); END;");
        }
        else
        {
            await storage.ExecuteRawAsync("CREATE FUNCTION refuse_records() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'no records'; END; $$;");
            await storage.ExecuteRawAsync("CREATE TRIGGER refuse_records BEFORE INSERT ON operator_changes FOR EACH ROW EXECUTE FUNCTION refuse_records();");
        }

        await Assert.ThrowsAnyAsync<DbException>(() => storage.Policies.SetAsync(workspace.Id, "gmail_send_email", ApprovalPolicy.Auto, TestStores.Actor, None));
        await Assert.ThrowsAnyAsync<DbException>(() => storage.Workspaces.SetDomainsAsync(workspace.Id, ["acme.com"], TestStores.Actor, None));
        await Assert.ThrowsAnyAsync<DbException>(() => storage.Workspaces.CreateApiKeyAsync(workspace.Id, null, ToolScope.Full, TestStores.Actor, None));

        Assert.Empty(await storage.Policies.GetAllAsync(workspace.Id, None));
        Assert.Empty((await storage.Workspaces.FindByIdAsync(workspace.Id, None))!.Domains);
        Assert.Equal(0L, await storage.ScalarRawAsync("SELECT COUNT(*) FROM api_keys;"));
    }

    [SkippableFact]
    public async Task Records_CannotBeEditedOrDeleted()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        await storage.Policies.SetAsync(workspace.Id, "gmail_send_email", ApprovalPolicy.Auto, TestStores.Actor, None);

        var update = await Assert.ThrowsAnyAsync<DbException>(() => storage.ExecuteRawAsync("UPDATE operator_changes SET actor = 'someone else';"));
        var delete = await Assert.ThrowsAnyAsync<DbException>(() => storage.ExecuteRawAsync("DELETE FROM operator_changes;"));

        Assert.Contains("append-only", update.Message);
        Assert.Contains("append-only", delete.Message);
        Assert.Equal("cli:test", Assert.Single(await ListAsync(storage)).Actor);
    }

    [SkippableFact]
    public async Task QueryAsync_FiltersByWorkspace_PagesByBeforeId_AndBoundsTheLimit()
    {
        await using var storage = await backend.CreateAsync();
        var acme = await storage.CreateWorkspaceAsync("acme");
        var globex = await storage.CreateWorkspaceAsync("globex");
        await storage.Policies.SetAsync(acme.Id, "a", ApprovalPolicy.Auto, TestStores.Actor, None);
        await storage.Policies.SetAsync(globex.Id, "b", ApprovalPolicy.Auto, TestStores.Actor, None);
        await storage.Policies.SetAsync(acme.Id, "c", ApprovalPolicy.Auto, TestStores.Actor, None);
        await storage.AdminTokens.CreateAsync("ops", TestStores.Actor, None);

        var acmeOnly = await storage.OperatorAudit.QueryAsync(new OperatorAuditQuery { WorkspaceId = acme.Id }, None);
        var newestTwo = await storage.OperatorAudit.QueryAsync(new OperatorAuditQuery { Limit = 2 }, None);
        var older = await storage.OperatorAudit.QueryAsync(new OperatorAuditQuery { Limit = 2, BeforeId = newestTwo[^1].Id }, None);

        Assert.Equal(["c", "a"], acmeOnly.Select(c => c.Target));
        Assert.Equal([OperatorActions.AdminTokenCreate, OperatorActions.PolicySet], newestTwo.Select(c => c.Action));
        Assert.Equal(["b", "a"], older.Select(c => c.Target));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => storage.OperatorAudit.QueryAsync(new OperatorAuditQuery { Limit = 0 }, None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => storage.OperatorAudit.QueryAsync(new OperatorAuditQuery { Limit = OperatorAuditQuery.MaxLimit + 1 }, None));
    }

    private static Task<IReadOnlyList<OperatorChange>> ListAsync(TestStores storage) =>
        storage.OperatorAudit.QueryAsync(new OperatorAuditQuery(), None);
}
