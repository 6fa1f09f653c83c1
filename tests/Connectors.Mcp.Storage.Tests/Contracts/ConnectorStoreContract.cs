using System.Text.RegularExpressions;
using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Storage.Tests.Backends;

namespace Connectors.Mcp.Storage.Tests.Contracts;

public abstract class ConnectorStoreContract(StorageBackend backend)
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly Dictionary<string, string> NoSettings = [];
    private static readonly OAuthTokens Tokens = new("access", "refresh", TestStores.Start.AddHours(1));

    [SkippableFact]
    public async Task UpsertDefinitionsAsync_RunAgainWithChanges_UpdatesInPlace()
    {
        await using var storage = await backend.CreateAsync();

        await storage.Connectors.UpsertDefinitionsAsync(
            [new ConnectorDefinitionRecord("gmail", "Gmail v2", "google", "Mail, again", ["scope"], ["search_inbox"])], None);

        var definitions = await storage.Connectors.ListDefinitionsAsync(None);
        Assert.Equal(["gmail", "google_calendar"], definitions.Select(d => d.Type));
        Assert.Equal("Gmail v2", definitions[0].DisplayName);
        Assert.Equal(["scope"], definitions[0].Scopes);
        Assert.Equal(["search_inbox"], definitions[0].Actions);
    }

    [SkippableFact]
    public async Task UpdateSettingsAsync_ReplacesSettingsAndBumpsCatalogVersion()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var connector = await storage.Connectors.AddAsync(
            workspace.Id, "gmail", "gmail", new Dictionary<string, string> { ["api_base_url"] = "http://127.0.0.1:1/" }, None);
        var before = await storage.Workspaces.GetCatalogVersionAsync(workspace.Id, None);

        await storage.Connectors.UpdateSettingsAsync(connector.Id, new Dictionary<string, string> { ["api_base_url"] = "http://127.0.0.1:2/", ["token_url"] = "http://127.0.0.1:2/token" }, None);

        var updated = await storage.Connectors.FindAsync(connector.Id, None);
        Assert.Equal("http://127.0.0.1:2/", updated!.Settings["api_base_url"]);
        Assert.Equal("http://127.0.0.1:2/token", updated.Settings["token_url"]);
        Assert.True(await storage.Workspaces.GetCatalogVersionAsync(workspace.Id, None) > before);
        await Assert.ThrowsAsync<EntityNotFoundException>(() => storage.Connectors.UpdateSettingsAsync("con_missing", NoSettings, None));
    }

    [SkippableFact]
    public async Task AddAsync_NewConnector_StartsInNeedsReauthWithSettings()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();

        var connector = await storage.Connectors.AddAsync(
            workspace.Id, "gmail", "gmail", new Dictionary<string, string> { ["api_base_url"] = "http://127.0.0.1:5555/" }, None);

        Assert.Matches(new Regex("^con_[0-9a-z]{24}$"), connector.Id);
        Assert.Equal(ConnectorStatus.NeedsReauth, connector.Status);
        Assert.Equal("http://127.0.0.1:5555/", connector.Settings["api_base_url"]);
        Assert.Equal(TestStores.Start, connector.CreatedAt);
        Assert.Null(connector.LastSyncAt);
        Assert.Equal(0, connector.ConsecutiveFailures);
        Assert.Equal(connector.Id, (await storage.Connectors.FindAsync(connector.Id, None))?.Id);
    }

    [SkippableFact]
    public async Task GetWorkspaceConnectorsAsync_SeveralWorkspaces_ReturnsOnlyThatWorkspacesInCreationOrder()
    {
        await using var storage = await backend.CreateAsync();
        var acme = await storage.CreateWorkspaceAsync("acme", WorkspacePlan.Pro);
        var other = await storage.CreateWorkspaceAsync("other");
        await storage.Connectors.AddAsync(acme.Id, "gmail", "zulu", NoSettings, None);
        storage.Time.Advance(TimeSpan.FromSeconds(1));
        await storage.Connectors.AddAsync(acme.Id, "gmail", "alpha", NoSettings, None);
        await storage.Connectors.AddAsync(other.Id, "gmail", "gmail", NoSettings, None);
        await storage.Connectors.AddAsync(acme.Id, "google_calendar", "calendar", NoSettings, None);

        var connectors = await storage.Connectors.GetWorkspaceConnectorsAsync(acme.Id, None);

        Assert.Equal(["zulu", "alpha", "calendar"], connectors.Select(c => c.Name));
    }

    [SkippableFact]
    public async Task AddAsync_FreePlanFourthConnector_ThrowsPlanLimitWithWhatToDo()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync("acme", WorkspacePlan.Free);
        for (var i = 1; i <= 3; i++)
        {
            await storage.Connectors.AddAsync(workspace.Id, "gmail", $"mail_{i}", NoSettings, None);
        }

        Assert.False(await storage.Connectors.CanAddConnectorAsync(workspace.Id, None));
        var error = await Assert.ThrowsAsync<PlanLimitException>(() => storage.Connectors.AddAsync(workspace.Id, "gmail", "mail_4", NoSettings, None));

        Assert.Equal("Workspace 'acme' is on the free plan, which allows 3 connectors; remove one or move to pro.", error.Message);
        Assert.Equal(3, (await storage.Connectors.GetWorkspaceConnectorsAsync(workspace.Id, None)).Count);
    }

    [SkippableFact]
    public async Task AddAsync_FreePlanAfterRemovingOne_AllowsAnother()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var first = await storage.Connectors.AddAsync(workspace.Id, "gmail", "mail_1", NoSettings, None);
        await storage.Connectors.AddAsync(workspace.Id, "gmail", "mail_2", NoSettings, None);
        await storage.Connectors.AddAsync(workspace.Id, "gmail", "mail_3", NoSettings, None);

        await storage.Connectors.RemoveAsync(first.Id, None);

        Assert.True(await storage.Connectors.CanAddConnectorAsync(workspace.Id, None));
        await storage.Connectors.AddAsync(workspace.Id, "gmail", "mail_4", NoSettings, None);
    }

    [SkippableFact]
    public async Task AddAsync_ProPlanTwentyFirstConnector_ThrowsPlanLimit()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync("acme", WorkspacePlan.Pro);
        for (var i = 1; i <= 20; i++)
        {
            await storage.Connectors.AddAsync(workspace.Id, "gmail", $"mail_{i}", NoSettings, None);
        }

        var error = await Assert.ThrowsAsync<PlanLimitException>(() => storage.Connectors.AddAsync(workspace.Id, "gmail", "mail_21", NoSettings, None));

        Assert.Equal("Workspace 'acme' is on the pro plan, which allows 20 connectors; remove one or move to enterprise.", error.Message);
    }

    [SkippableFact]
    public async Task AddAsync_EnterprisePlan_HasNoLimit()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync("acme", WorkspacePlan.Enterprise);
        for (var i = 1; i <= 25; i++)
        {
            await storage.Connectors.AddAsync(workspace.Id, "gmail", $"mail_{i}", NoSettings, None);
        }

        Assert.True(await storage.Connectors.CanAddConnectorAsync(workspace.Id, None));
        Assert.Equal(25, (await storage.Connectors.GetWorkspaceConnectorsAsync(workspace.Id, None)).Count);
    }

    [SkippableFact]
    public async Task AddAsync_ConcurrentAddsFromTwoInstances_NeverExceedPlanLimit()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync("acme", WorkspacePlan.Free);
        var other = (await storage.OpenAnotherInstanceAsync()).Connectors;

        var attempts = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(async () =>
        {
            try
            {
                await (i % 2 == 0 ? storage.Connectors : other).AddAsync(workspace.Id, "gmail", $"mail_{i}", NoSettings, None);
                return true;
            }
            catch (PlanLimitException)
            {
                return false;
            }
        })));

        Assert.Equal(3, attempts.Count(added => added));
        Assert.Equal(3L, await storage.ScalarRawAsync("SELECT COUNT(*) FROM workspace_connectors;"));
    }

    [SkippableFact]
    public async Task AddAsync_DuplicateName_ThrowsConflictSuggestingName()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        await storage.Connectors.AddAsync(workspace.Id, "gmail", "gmail", NoSettings, None);

        var error = await Assert.ThrowsAsync<ConflictException>(() => storage.Connectors.AddAsync(workspace.Id, "gmail", "gmail", NoSettings, None));

        Assert.Equal("Workspace 'acme' already has a connector named 'gmail'; pass --name to add another account.", error.Message);
    }

    [SkippableFact]
    public async Task AddAsync_SameNameInOtherWorkspace_IsAllowed()
    {
        await using var storage = await backend.CreateAsync();
        var acme = await storage.CreateWorkspaceAsync("acme");
        var other = await storage.CreateWorkspaceAsync("other");
        await storage.Connectors.AddAsync(acme.Id, "gmail", "gmail", NoSettings, None);

        var connector = await storage.Connectors.AddAsync(other.Id, "gmail", "gmail", NoSettings, None);

        Assert.Equal(other.Id, connector.WorkspaceId);
    }

    [SkippableTheory]
    [InlineData("Gmail")]
    [InlineData("1mail")]
    [InlineData("work-mail")]
    [InlineData("")]
    [InlineData("gmail\n")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456")]
    public async Task AddAsync_InvalidName_ThrowsArgumentException(string name)
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => storage.Connectors.AddAsync(workspace.Id, "gmail", name, NoSettings, None));

        Assert.Contains("lowercase letters, digits and underscores", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task AddAsync_UnknownType_ThrowsEntityNotFoundNamingKnownTypes()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();

        var error = await Assert.ThrowsAsync<EntityNotFoundException>(() => storage.Connectors.AddAsync(workspace.Id, "slack", "slack", NoSettings, None));

        Assert.Contains("Unknown connector type 'slack'", error.Message, StringComparison.Ordinal);
        Assert.Contains("gmail, google_calendar", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task AddAsync_UnknownWorkspace_ThrowsEntityNotFound()
    {
        await using var storage = await backend.CreateAsync();

        await Assert.ThrowsAsync<EntityNotFoundException>(() => storage.Connectors.AddAsync("ws_missing", "gmail", "gmail", NoSettings, None));
    }

    [SkippableFact]
    public async Task SetEnabledAsync_DisableThenEnable_MovesStatusAndBumpsCatalogVersion()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var connector = await storage.Connectors.AddAsync(workspace.Id, "gmail", "gmail", NoSettings, None);
        Assert.Equal(1L, await storage.Workspaces.GetCatalogVersionAsync(workspace.Id, None));
        await storage.Credentials.SaveTokensAsync(workspace.Id, connector.Id, Tokens, None);
        Assert.Equal(2L, await storage.Workspaces.GetCatalogVersionAsync(workspace.Id, None)); // needs_reauth → active

        var disabled = await storage.Connectors.SetEnabledAsync(connector.Id, false, None);
        Assert.Equal(ConnectorStatus.Disabled, disabled.Status);
        Assert.Equal(3L, await storage.Workspaces.GetCatalogVersionAsync(workspace.Id, None));

        await storage.Connectors.SetEnabledAsync(connector.Id, false, None);
        Assert.Equal(3L, await storage.Workspaces.GetCatalogVersionAsync(workspace.Id, None)); // no change, no bump

        var enabled = await storage.Connectors.SetEnabledAsync(connector.Id, true, None);
        Assert.Equal(ConnectorStatus.Active, enabled.Status);
        Assert.Equal(4L, await storage.Workspaces.GetCatalogVersionAsync(workspace.Id, None));
    }

    [SkippableFact]
    public async Task SetEnabledAsync_EnableWithoutCredentials_GoesToNeedsReauth()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var connector = await storage.Connectors.AddAsync(workspace.Id, "gmail", "gmail", NoSettings, None);
        await storage.Connectors.SetEnabledAsync(connector.Id, false, None);

        var enabled = await storage.Connectors.SetEnabledAsync(connector.Id, true, None);

        Assert.Equal(ConnectorStatus.NeedsReauth, enabled.Status);
    }

    [SkippableFact]
    public async Task SetEnabledAsync_EnableAfterGrantRevoked_StaysNeedsReauthUntilNewTokens()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var connector = await storage.Connectors.AddAsync(workspace.Id, "gmail", "gmail", NoSettings, None);
        await storage.Credentials.SaveTokensAsync(workspace.Id, connector.Id, Tokens, None);
        await storage.Connectors.MarkNeedsReauthAsync(connector.Id, "invalid_grant: Token has been expired or revoked.", None);
        await storage.Connectors.SetEnabledAsync(connector.Id, false, None);

        var enabled = await storage.Connectors.SetEnabledAsync(connector.Id, true, None);
        Assert.Equal(ConnectorStatus.NeedsReauth, enabled.Status);

        await storage.Credentials.SaveTokensAsync(workspace.Id, connector.Id, Tokens with { AccessToken = "new" }, None);
        Assert.Equal(ConnectorStatus.Active, (await storage.Connectors.FindAsync(connector.Id, None))!.Status);
    }

    [SkippableFact]
    public async Task MarkNeedsReauthAsync_ActiveConnector_KeepsTokensRecordsReasonAndBumps()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var connector = await storage.Connectors.AddAsync(workspace.Id, "gmail", "gmail", NoSettings, None);
        await storage.Credentials.SaveTokensAsync(workspace.Id, connector.Id, Tokens, None);
        var before = await storage.Workspaces.GetCatalogVersionAsync(workspace.Id, None);

        await storage.Connectors.MarkNeedsReauthAsync(connector.Id, "The grant was revoked; reconnect Gmail.", None);

        var after = (await storage.Connectors.FindAsync(connector.Id, None))!;
        Assert.Equal(ConnectorStatus.NeedsReauth, after.Status);
        Assert.Equal("The grant was revoked; reconnect Gmail.", after.LastError);
        Assert.Equal(before + 1, await storage.Workspaces.GetCatalogVersionAsync(workspace.Id, None));
        Assert.NotNull(await storage.Credentials.GetTokensAsync(workspace.Id, connector.Id, None));
    }

    [SkippableFact]
    public async Task MarkNeedsReauthAsync_DisabledConnector_StaysDisabled()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var connector = await storage.Connectors.AddAsync(workspace.Id, "gmail", "gmail", NoSettings, None);
        await storage.Connectors.SetEnabledAsync(connector.Id, false, None);

        await storage.Connectors.MarkNeedsReauthAsync(connector.Id, "revoked", None);

        Assert.Equal(ConnectorStatus.Disabled, (await storage.Connectors.FindAsync(connector.Id, None))!.Status);
    }

    [SkippableFact]
    public async Task RecordConnectorErrorAsync_ReachesThreshold_GoesToErrorAndSyncClearsIt()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var connector = await storage.Connectors.AddAsync(workspace.Id, "gmail", "gmail", NoSettings, None);
        await storage.Credentials.SaveTokensAsync(workspace.Id, connector.Id, Tokens, None);
        var version = await storage.Workspaces.GetCatalogVersionAsync(workspace.Id, None);

        Assert.Equal(ConnectorStatus.Active, await storage.Connectors.RecordConnectorErrorAsync(connector.Id, "503 one", 3, None));
        Assert.Equal(ConnectorStatus.Active, await storage.Connectors.RecordConnectorErrorAsync(connector.Id, "503 two", 3, None));
        Assert.Equal(version, await storage.Workspaces.GetCatalogVersionAsync(workspace.Id, None));
        Assert.Equal(ConnectorStatus.Error, await storage.Connectors.RecordConnectorErrorAsync(connector.Id, "503 three", 3, None));

        var errored = (await storage.Connectors.FindAsync(connector.Id, None))!;
        Assert.Equal(ConnectorStatus.Error, errored.Status);
        Assert.Equal(3, errored.ConsecutiveFailures);
        Assert.Equal("503 three", errored.LastError);
        Assert.Equal(version + 1, await storage.Workspaces.GetCatalogVersionAsync(workspace.Id, None));

        storage.Time.Advance(TimeSpan.FromMinutes(5));
        await storage.Connectors.UpdateConnectorSyncAsync(connector.Id, None);

        var recovered = (await storage.Connectors.FindAsync(connector.Id, None))!;
        Assert.Equal(ConnectorStatus.Active, recovered.Status);
        Assert.Equal(0, recovered.ConsecutiveFailures);
        Assert.Null(recovered.LastError);
        Assert.Equal(TestStores.Start.AddMinutes(5), recovered.LastSyncAt);
        Assert.Equal(version + 2, await storage.Workspaces.GetCatalogVersionAsync(workspace.Id, None));
    }

    [SkippableFact]
    public async Task UpdateConnectorSyncAsync_AfterFailuresBelowThreshold_ResetsCountWithoutBump()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var connector = await storage.Connectors.AddAsync(workspace.Id, "gmail", "gmail", NoSettings, None);
        await storage.Credentials.SaveTokensAsync(workspace.Id, connector.Id, Tokens, None);
        await storage.Connectors.RecordConnectorErrorAsync(connector.Id, "timeout", 3, None);
        await storage.Connectors.RecordConnectorErrorAsync(connector.Id, "timeout", 3, None);
        var version = await storage.Workspaces.GetCatalogVersionAsync(workspace.Id, None);

        await storage.Connectors.UpdateConnectorSyncAsync(connector.Id, None);
        await storage.Connectors.RecordConnectorErrorAsync(connector.Id, "timeout", 3, None);

        var after = (await storage.Connectors.FindAsync(connector.Id, None))!;
        Assert.Equal(ConnectorStatus.Active, after.Status);
        Assert.Equal(1, after.ConsecutiveFailures);
        Assert.Equal(version, await storage.Workspaces.GetCatalogVersionAsync(workspace.Id, None));
    }

    [SkippableFact]
    public async Task RecordConnectorErrorAsync_NeedsReauthConnector_CountsButKeepsStatus()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var connector = await storage.Connectors.AddAsync(workspace.Id, "gmail", "gmail", NoSettings, None);

        var status = await storage.Connectors.RecordConnectorErrorAsync(connector.Id, "no tokens", 1, None);

        Assert.Equal(ConnectorStatus.NeedsReauth, status);
        Assert.Equal(1, (await storage.Connectors.FindAsync(connector.Id, None))!.ConsecutiveFailures);
    }

    [SkippableFact]
    public async Task RecordConnectorErrorAsync_ConcurrentFromTwoInstances_CountsEveryFailure()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var connector = await storage.Connectors.AddAsync(workspace.Id, "gmail", "gmail", NoSettings, None);
        var other = (await storage.OpenAnotherInstanceAsync()).Connectors;

        await Task.WhenAll(Enumerable.Range(0, 60).Select(i => Task.Run(() =>
            (i % 2 == 0 ? storage.Connectors : other).RecordConnectorErrorAsync(connector.Id, $"failure {i}", 1000, None))));

        Assert.Equal(60, (await storage.Connectors.FindAsync(connector.Id, None))!.ConsecutiveFailures);
    }

    [SkippableFact]
    public async Task SetEnabledAsync_EnableErroredConnector_ClearsFailuresAndGoesActive()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var connector = await storage.Connectors.AddAsync(workspace.Id, "gmail", "gmail", NoSettings, None);
        await storage.Credentials.SaveTokensAsync(workspace.Id, connector.Id, Tokens, None);
        await storage.Connectors.RecordConnectorErrorAsync(connector.Id, "boom", 1, None);

        var enabled = await storage.Connectors.SetEnabledAsync(connector.Id, true, None);

        Assert.Equal(ConnectorStatus.Active, enabled.Status);
        Assert.Equal(0, enabled.ConsecutiveFailures);
        Assert.Null(enabled.LastError);
    }

    [SkippableFact]
    public async Task RemoveAsync_ConnectorWithHistory_DeletesCredentialsKeepsAuditAndApprovals()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var connector = await storage.Connectors.AddAsync(workspace.Id, "gmail", "gmail", NoSettings, None);
        await storage.Credentials.SaveTokensAsync(workspace.Id, connector.Id, Tokens, None);
        await storage.Require(s => s.Audit).RecordAsync(
            new AuditIntent(workspace.Id, connector.Id, "gmail_send_email", "send_email", "{}", null, null, "test", TestStores.Start),
            new AuditCompletion(AuditStatus.Succeeded, TestStores.Start), None);
        await storage.Require(s => s.Approvals).CreateAsync(
            new NewApproval(workspace.Id, connector.Id, "gmail_send_email", "send_email", "{}", "hash", "Send", TimeSpan.FromHours(1)), None);
        var version = await storage.Workspaces.GetCatalogVersionAsync(workspace.Id, None);

        await storage.Connectors.RemoveAsync(connector.Id, None);

        Assert.Null(await storage.Connectors.FindAsync(connector.Id, None));
        Assert.Equal(0L, await storage.ScalarRawAsync("SELECT COUNT(*) FROM connector_credentials;"));
        Assert.Equal(1L, await storage.ScalarRawAsync("SELECT COUNT(*) FROM connector_actions WHERE connector_id = @id;", ("@id", connector.Id)));
        Assert.Equal(1L, await storage.ScalarRawAsync("SELECT COUNT(*) FROM approvals WHERE connector_id = @id;", ("@id", connector.Id)));
        Assert.Equal(version + 1, await storage.Workspaces.GetCatalogVersionAsync(workspace.Id, None));
        Assert.True((await storage.Audit.VerifyAsync(workspace.Id, None)).Intact);
    }

    [SkippableFact]
    public async Task UnknownConnectorId_EveryMutation_ThrowsEntityNotFoundSayingHowToFindIds()
    {
        await using var storage = await backend.CreateAsync();
        const string missing = "con_missing";

        var errors = new[]
        {
            await Assert.ThrowsAsync<EntityNotFoundException>(() => storage.Connectors.SetEnabledAsync(missing, true, None)),
            await Assert.ThrowsAsync<EntityNotFoundException>(() => storage.Connectors.RemoveAsync(missing, None)),
            await Assert.ThrowsAsync<EntityNotFoundException>(() => storage.Connectors.UpdateConnectorSyncAsync(missing, None)),
            await Assert.ThrowsAsync<EntityNotFoundException>(() => storage.Connectors.RecordConnectorErrorAsync(missing, "x", 3, None)),
            await Assert.ThrowsAsync<EntityNotFoundException>(() => storage.Connectors.MarkNeedsReauthAsync(missing, "x", None)),
        };

        Assert.All(errors, e => Assert.Equal("No connector 'con_missing'. `connectors-mcp connector list SLUG` shows the ids.", e.Message));
        Assert.Null(await storage.Connectors.FindAsync(missing, None));
    }
}
