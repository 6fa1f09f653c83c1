using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Storage.Tests.Backends;

namespace Connectors.Mcp.Storage.Tests.Contracts;

/// <summary>
/// The storage half of the credential lifecycle: credential states, the refresh lease (compare-and-set on the version,
/// expiry, across two processes or instances on one database), the version-checked save, and the back-off stored on the row.
/// </summary>
public abstract class CredentialLifecycleContract(StorageBackend backend)
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private static readonly OAuthTokens Tokens = new("ya29.first", "1//refresh", TestStores.Start.AddHours(1));

    [SkippableFact]
    public async Task CredentialState_FollowsAddSaveMarkDelete()
    {
        await using var storage = await backend.CreateAsync();
        var (workspace, connector) = await AddConnectorAsync(storage);
        Assert.Equal(CredentialState.NeedsReauth, await StateAsync(storage, connector));

        await storage.Credentials.SaveTokensAsync(workspace.Id, connector.Id, Tokens, None);
        Assert.Equal(CredentialState.Active, await StateAsync(storage, connector));
        Assert.Equal(CredentialState.Active, (await storage.Credentials.GetStoredCredentialAsync(workspace.Id, connector.Id, None))!.State);

        await storage.Connectors.MarkNeedsReauthAsync(connector.Id, "invalid_grant", None);
        Assert.Equal(CredentialState.NeedsReauth, await StateAsync(storage, connector));
        Assert.Equal(CredentialState.NeedsReauth, (await storage.Credentials.GetStoredCredentialAsync(workspace.Id, connector.Id, None))!.State);

        await storage.Credentials.SaveTokensAsync(workspace.Id, connector.Id, Tokens, None);
        Assert.Equal(CredentialState.Active, await StateAsync(storage, connector));

        await storage.Credentials.DeleteTokensAsync(connector.Id, None);
        Assert.Equal(CredentialState.Revoked, await StateAsync(storage, connector));
        Assert.Null(await storage.Credentials.GetStoredCredentialAsync(workspace.Id, connector.Id, None));

        // A later reconnect attempt that fails does not hide that it was disconnected.
        await storage.Connectors.MarkNeedsReauthAsync(connector.Id, "it has no stored OAuth token.", None);
        Assert.Equal(CredentialState.Revoked, await StateAsync(storage, connector));
    }

    [SkippableFact]
    public async Task DeleteTokensAsync_ConnectorAlreadyNeedsReauth_BumpsTheCatalogForTheNewState()
    {
        await using var storage = await backend.CreateAsync();
        var (workspace, connector) = await AddConnectorAsync(storage);
        await storage.Credentials.SaveTokensAsync(workspace.Id, connector.Id, Tokens, None);
        await storage.Connectors.MarkNeedsReauthAsync(connector.Id, "invalid_grant", None);
        var version = await storage.Workspaces.GetCatalogVersionAsync(workspace.Id, None);

        await storage.Credentials.DeleteTokensAsync(connector.Id, None);

        Assert.Equal(ConnectorStatus.NeedsReauth, (await storage.Connectors.FindAsync(connector.Id, None))!.Status);
        Assert.Equal(version + 1, await storage.Workspaces.GetCatalogVersionAsync(workspace.Id, None));
    }

    [SkippableFact]
    public async Task DeleteTokensAsync_DisabledConnector_StaysDisabledButRevoked()
    {
        await using var storage = await backend.CreateAsync();
        var (workspace, connector) = await AddConnectorAsync(storage);
        await storage.Credentials.SaveTokensAsync(workspace.Id, connector.Id, Tokens, None);
        await storage.Connectors.SetEnabledAsync(connector.Id, false, None);

        await storage.Credentials.DeleteTokensAsync(connector.Id, None);

        var after = (await storage.Connectors.FindAsync(connector.Id, None))!;
        Assert.Equal(ConnectorStatus.Disabled, after.Status);
        Assert.Equal(CredentialState.Revoked, after.CredentialState);
    }

    [SkippableFact]
    public async Task TryAcquireRefreshLease_OnlyOneOfTwoInstancesGetsIt_AndTheConnectorReadsRefreshing()
    {
        await using var storage = await backend.CreateAsync();
        var (workspace, connector) = await SavedAsync(storage);
        var other = (await storage.OpenAnotherInstanceAsync()).Credentials;

        var first = await storage.Credentials.TryAcquireRefreshLeaseAsync(workspace.Id, connector.Id, 1, "p1:a", Lease, None);
        var second = await other.TryAcquireRefreshLeaseAsync(workspace.Id, connector.Id, 1, "p2:b", Lease, None);

        Assert.Equal(RefreshLeaseStatus.Acquired, first.Status);
        Assert.Equal(TestStores.Start + Lease, first.Until);
        Assert.Equal(RefreshLeaseStatus.Held, second.Status);
        Assert.Equal(first.Until, second.Until);
        Assert.Equal("p1:a", await storage.ScalarRawAsync("SELECT refresh_lease_owner FROM connector_credentials;"));
        Assert.Equal(CredentialState.Refreshing, await StateAsync(storage, connector));
        Assert.Equal(CredentialState.Refreshing, (await other.GetStoredCredentialAsync(workspace.Id, connector.Id, None))!.State);
    }

    [SkippableFact]
    public async Task TryAcquireRefreshLease_ManyConcurrentCallers_ExactlyOneAcquires()
    {
        await using var storage = await backend.CreateAsync();
        var (workspace, connector) = await SavedAsync(storage);
        var stores = new List<ICredentialStore> { storage.Credentials };
        for (var i = 1; i < 4; i++)
        {
            stores.Add((await storage.OpenAnotherInstanceAsync()).Credentials);
        }

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() =>
            stores[i % stores.Count].TryAcquireRefreshLeaseAsync(workspace.Id, connector.Id, 1, $"p{i % 4}:{i}", Lease, None))));

        Assert.Single(results, r => r.Status == RefreshLeaseStatus.Acquired);
        Assert.Equal(39, results.Count(r => r.Status == RefreshLeaseStatus.Held));
    }

    [SkippableFact]
    public async Task TryAcquireRefreshLease_ExpiredLeaseOfACrashedHolder_IsTakenOver()
    {
        await using var storage = await backend.CreateAsync();
        var (workspace, connector) = await SavedAsync(storage);
        await storage.Credentials.TryAcquireRefreshLeaseAsync(workspace.Id, connector.Id, 1, "crashed:1", Lease, None);

        storage.Time.Advance(Lease - TimeSpan.FromMilliseconds(1));
        Assert.Equal(RefreshLeaseStatus.Held, (await storage.Credentials.TryAcquireRefreshLeaseAsync(workspace.Id, connector.Id, 1, "p2:1", Lease, None)).Status);
        Assert.Equal(CredentialState.Refreshing, await StateAsync(storage, connector));

        storage.Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(CredentialState.Active, await StateAsync(storage, connector)); // not "refreshing" for ever
        var takeover = await storage.Credentials.TryAcquireRefreshLeaseAsync(workspace.Id, connector.Id, 1, "p2:2", Lease, None);

        Assert.Equal(RefreshLeaseStatus.Acquired, takeover.Status);
        Assert.Equal("p2:2", await storage.ScalarRawAsync("SELECT refresh_lease_owner FROM connector_credentials;"));
    }

    [SkippableFact]
    public async Task TryAcquireRefreshLease_FromAnOldVersion_IsSuperseded()
    {
        await using var storage = await backend.CreateAsync();
        var (workspace, connector) = await SavedAsync(storage);
        await storage.Credentials.SaveTokensAsync(workspace.Id, connector.Id, Tokens with { AccessToken = "ya29.second" }, None);

        var result = await storage.Credentials.TryAcquireRefreshLeaseAsync(workspace.Id, connector.Id, 1, "p1:a", Lease, None);

        Assert.Equal(RefreshLeaseStatus.Superseded, result.Status);
        Assert.Null(await storage.ScalarRawAsync("SELECT refresh_lease_owner FROM connector_credentials;"));
    }

    [SkippableTheory]
    [InlineData("needs_reauth")]
    [InlineData("none")]
    public async Task TryAcquireRefreshLease_DeadOrMissingGrant_IsUnavailable(string situation)
    {
        await using var storage = await backend.CreateAsync();
        var (workspace, connector) = situation == "none" ? await AddConnectorAsync(storage) : await SavedAsync(storage);
        if (situation == "needs_reauth")
        {
            await storage.Connectors.MarkNeedsReauthAsync(connector.Id, "invalid_grant", None);
        }

        var result = await storage.Credentials.TryAcquireRefreshLeaseAsync(workspace.Id, connector.Id, 1, "p1:a", Lease, None);

        Assert.Equal(RefreshLeaseStatus.Unavailable, result.Status);
    }

    [SkippableFact]
    public async Task SaveRefreshedTokens_FromTheStoredVersion_SavesBumpsAndReleasesTheLease()
    {
        await using var storage = await backend.CreateAsync();
        var (workspace, connector) = await SavedAsync(storage);
        await storage.Credentials.TryAcquireRefreshLeaseAsync(workspace.Id, connector.Id, 1, "p1:a", Lease, None);
        var refreshed = new OAuthTokens("ya29.refreshed", "1//rotated", TestStores.Start.AddHours(2));

        var saved = await storage.Credentials.SaveRefreshedTokensAsync(workspace.Id, connector.Id, refreshed, 1, None);

        Assert.Equal(new StoredCredential(refreshed, 2, CredentialState.Active), saved);
        var stored = await storage.Credentials.GetStoredCredentialAsync(workspace.Id, connector.Id, None);
        Assert.Equal(refreshed, stored!.Tokens);
        Assert.Equal(2, stored.Version);
        Assert.Equal(CredentialState.Active, stored.State);
        Assert.Null(await storage.ScalarRawAsync("SELECT refresh_lease_owner FROM connector_credentials;"));
        Assert.False(await storage.ContainsAsync("1//rotated"));
    }

    [SkippableFact]
    public async Task SaveRefreshedTokens_AfterSomeoneElseSaved_IsRejectedAndKeepsTheirTokens()
    {
        await using var storage = await backend.CreateAsync();
        var (workspace, connector) = await SavedAsync(storage);
        var other = (await storage.OpenAnotherInstanceAsync()).Credentials;
        var theirs = new OAuthTokens("ya29.theirs", "1//theirs", TestStores.Start.AddHours(2));
        Assert.NotNull(await other.SaveRefreshedTokensAsync(workspace.Id, connector.Id, theirs, 1, None));

        var mine = await storage.Credentials.SaveRefreshedTokensAsync(workspace.Id, connector.Id, Tokens with { AccessToken = "ya29.mine" }, 1, None);

        Assert.Null(mine);
        Assert.Equal(theirs, (await storage.Credentials.GetStoredCredentialAsync(workspace.Id, connector.Id, None))!.Tokens);
        Assert.Equal(2L, await storage.ScalarRawAsync("SELECT version FROM connector_credentials;"));
    }

    [SkippableFact]
    public async Task SaveRefreshedTokens_AfterTheGrantWasRefused_IsRejected()
    {
        await using var storage = await backend.CreateAsync();
        var (workspace, connector) = await SavedAsync(storage);
        await storage.Connectors.MarkNeedsReauthAsync(connector.Id, "invalid_grant", None);

        var saved = await storage.Credentials.SaveRefreshedTokensAsync(workspace.Id, connector.Id, Tokens with { AccessToken = "ya29.late" }, 1, None);

        Assert.Null(saved);
        Assert.Equal(CredentialState.NeedsReauth, await StateAsync(storage, connector));
    }

    [SkippableFact]
    public async Task RecordRefreshFailure_BacksOffExponentially_BlocksTheLease_AndASuccessClearsIt()
    {
        await using var storage = await backend.CreateAsync();
        var (workspace, connector) = await SavedAsync(storage);
        await storage.Credentials.TryAcquireRefreshLeaseAsync(workspace.Id, connector.Id, 1, "p1:a", Lease, None);

        var first = await storage.Credentials.RecordRefreshFailureAsync(workspace.Id, connector.Id, "p1:a", None);

        Assert.Equal(TestStores.Start.AddSeconds(5), first);
        Assert.Null(await storage.ScalarRawAsync("SELECT refresh_lease_owner FROM connector_credentials;"));
        Assert.Equal(first, (await storage.Credentials.GetStoredCredentialAsync(workspace.Id, connector.Id, None))!.RefreshBlockedUntil);
        var blocked = await storage.Credentials.TryAcquireRefreshLeaseAsync(workspace.Id, connector.Id, 1, "p2:a", Lease, None);
        Assert.Equal(new RefreshLeaseResult(RefreshLeaseStatus.BackingOff, first), blocked);

        storage.Time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(RefreshLeaseStatus.Acquired, (await storage.Credentials.TryAcquireRefreshLeaseAsync(workspace.Id, connector.Id, 1, "p2:b", Lease, None)).Status);
        var second = await storage.Credentials.RecordRefreshFailureAsync(workspace.Id, connector.Id, "p2:b", None);
        Assert.Equal(storage.Time.GetUtcNow().AddSeconds(10), second);
        Assert.Equal(2L, RawValues.Integer(await storage.ScalarRawAsync("SELECT refresh_failures FROM connector_credentials;")));
        Assert.Equal(Tokens, await storage.Credentials.GetTokensAsync(workspace.Id, connector.Id, None)); // tokens kept

        storage.Time.Advance(TimeSpan.FromSeconds(10));
        await storage.Credentials.TryAcquireRefreshLeaseAsync(workspace.Id, connector.Id, 1, "p3:a", Lease, None);
        await storage.Credentials.SaveRefreshedTokensAsync(workspace.Id, connector.Id, Tokens with { AccessToken = "ya29.ok" }, 1, None);

        Assert.Equal(0L, RawValues.Integer(await storage.ScalarRawAsync("SELECT refresh_failures FROM connector_credentials;")));
        Assert.Null((await storage.Credentials.GetStoredCredentialAsync(workspace.Id, connector.Id, None))!.RefreshBlockedUntil);
    }

    [SkippableFact]
    public async Task ReleaseRefreshLease_OnlyTheOwnersLease()
    {
        await using var storage = await backend.CreateAsync();
        var (workspace, connector) = await SavedAsync(storage);
        await storage.Credentials.TryAcquireRefreshLeaseAsync(workspace.Id, connector.Id, 1, "p1:a", Lease, None);

        await storage.Credentials.ReleaseRefreshLeaseAsync(workspace.Id, connector.Id, "p2:x", None);
        Assert.Equal("p1:a", await storage.ScalarRawAsync("SELECT refresh_lease_owner FROM connector_credentials;"));

        await storage.Credentials.ReleaseRefreshLeaseAsync(workspace.Id, connector.Id, "p1:a", None);
        Assert.Null(await storage.ScalarRawAsync("SELECT refresh_lease_owner FROM connector_credentials;"));
        Assert.Equal(CredentialState.Active, await StateAsync(storage, connector));
    }

    [SkippableFact]
    public async Task SaveTokens_NewGrant_ClearsLeaseAndBackOff()
    {
        await using var storage = await backend.CreateAsync();
        var (workspace, connector) = await SavedAsync(storage);
        await storage.Credentials.TryAcquireRefreshLeaseAsync(workspace.Id, connector.Id, 1, "p1:a", Lease, None);
        await storage.Credentials.RecordRefreshFailureAsync(workspace.Id, connector.Id, "p1:a", None);
        await storage.Credentials.TryAcquireRefreshLeaseAsync(workspace.Id, connector.Id, 1, "p1:b", Lease, None);

        await storage.Credentials.SaveTokensAsync(workspace.Id, connector.Id, Tokens with { AccessToken = "ya29.reconnected" }, None);

        var stored = (await storage.Credentials.GetStoredCredentialAsync(workspace.Id, connector.Id, None))!;
        Assert.Equal(CredentialState.Active, stored.State);
        Assert.Null(stored.RefreshBlockedUntil);
        Assert.Equal(2, stored.Version);
        Assert.Equal(0L, RawValues.Integer(await storage.ScalarRawAsync("SELECT refresh_failures FROM connector_credentials;")));
    }

    private static async Task<CredentialState> StateAsync(TestStores storage, ConnectorInstance connector) =>
        (await storage.Connectors.FindAsync(connector.Id, None))!.CredentialState;

    private static async Task<(Workspace Workspace, ConnectorInstance Connector)> AddConnectorAsync(TestStores storage)
    {
        var workspace = await storage.CreateWorkspaceAsync();
        var connector = await storage.Connectors.AddAsync(workspace.Id, "gmail", "gmail", new Dictionary<string, string>(), None);
        return (workspace, connector);
    }

    private static async Task<(Workspace Workspace, ConnectorInstance Connector)> SavedAsync(TestStores storage)
    {
        var (workspace, connector) = await AddConnectorAsync(storage);
        await storage.Credentials.SaveTokensAsync(workspace.Id, connector.Id, Tokens, None);
        return (workspace, connector);
    }
}
