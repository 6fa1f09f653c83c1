using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Storage.Tests.Backends;

namespace Connectors.Mcp.Storage.Tests.Contracts;

public abstract class IdempotencyStoreContract(StorageBackend backend)
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);
    private static readonly TimeSpan Stale = TimeSpan.FromMinutes(2);

    [SkippableFact]
    public async Task ClaimAsync_FirstClaim_WinsAndSecondGetsTheRunningRecord()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var store = Store(storage);

        var first = await store.ClaimAsync(workspace.Id, "key-1", "fp", "gmail_send_email", Day, Stale, None);
        var second = await store.ClaimAsync(workspace.Id, "key-1", "fp", "gmail_send_email", Day, Stale, None);

        Assert.True(first.Claimed);
        Assert.False(second.Claimed);
        Assert.Equal(IdempotencyStatus.Running, second.Record.Status);
        Assert.Equal(first.Record.ClaimId, second.Record.ClaimId);
        Assert.Equal(TestStores.Start.Add(Day), first.Record.ExpiresAt);
    }

    [SkippableFact]
    public async Task ClaimAsync_ManyConcurrentClaims_ExactlyOneWins()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var stores = new List<IIdempotencyStore>();
        for (var i = 0; i < 4; i++)
        {
            stores.Add((await storage.OpenAnotherInstanceAsync()).Idempotency);
        }

        var claims = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Task.Run(() => stores[i % stores.Count].ClaimAsync(workspace.Id, "same", "fp", "t", Day, Stale, None))));

        Assert.Single(claims, c => c.Claimed);
    }

    [SkippableFact]
    public async Task CompleteAsync_StoresTheResultEncryptedAndFindReadsItBack()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var store = Store(storage);
        var claim = await store.ClaimAsync(workspace.Id, "key-1", "fp", "t", Day, Stale, None);

        Assert.True(await store.CompleteAsync(workspace.Id, "key-1", claim.Record.ClaimId, """{"id":"SECRET-RESULT-ID"}""", 42, None));

        var found = await store.FindAsync(workspace.Id, "key-1", None);
        Assert.Equal(IdempotencyStatus.Succeeded, found!.Status);
        Assert.Equal("""{"id":"SECRET-RESULT-ID"}""", found.ResultJson);
        Assert.Equal(42, found.AuditRowId);
        Assert.False(await storage.ContainsAsync("SECRET-RESULT-ID"));
    }

    [SkippableFact]
    public async Task CompleteAsync_WithAnotherClaimId_ChangesNothing()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var store = Store(storage);
        await store.ClaimAsync(workspace.Id, "key-1", "fp", "t", Day, Stale, None);

        Assert.False(await store.CompleteAsync(workspace.Id, "key-1", "not-the-claim", "{}", null, None));
        Assert.Equal(IdempotencyStatus.Running, (await store.FindAsync(workspace.Id, "key-1", None))!.Status);
    }

    [SkippableFact]
    public async Task ReleaseAsync_FreesTheKeyForARetry()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var store = Store(storage);
        var claim = await store.ClaimAsync(workspace.Id, "key-1", "fp", "t", Day, Stale, None);

        await store.ReleaseAsync(workspace.Id, "key-1", claim.Record.ClaimId, None);

        Assert.Null(await store.FindAsync(workspace.Id, "key-1", None));
        Assert.True((await store.ClaimAsync(workspace.Id, "key-1", "fp", "t", Day, Stale, None)).Claimed);
    }

    [SkippableFact]
    public async Task Records_ExpireAfterTheirLifetime_AndArePurgedByTheNextClaim()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var store = Store(storage);
        var claim = await store.ClaimAsync(workspace.Id, "old", "fp", "t", Day, Stale, None);
        await store.CompleteAsync(workspace.Id, "old", claim.Record.ClaimId, "{}", null, None);

        storage.Time.Advance(Day - TimeSpan.FromSeconds(1));
        Assert.NotNull(await store.FindAsync(workspace.Id, "old", None));
        storage.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await store.FindAsync(workspace.Id, "old", None));

        await store.ClaimAsync(workspace.Id, "other", "fp", "t", Day, Stale, None);
        Assert.Equal(1L, await storage.ScalarRawAsync("SELECT COUNT(*) FROM idempotency_keys;"));
    }

    [SkippableFact]
    public async Task ClaimAsync_RunningClaimPastTheStaleTimeout_IsTakenOver()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var store = Store(storage);
        var first = await store.ClaimAsync(workspace.Id, "key-1", "fp", "t", Day, Stale, None);

        storage.Time.Advance(Stale - TimeSpan.FromSeconds(1));
        Assert.False((await store.ClaimAsync(workspace.Id, "key-1", "fp", "t", Day, Stale, None)).Claimed);
        storage.Time.Advance(TimeSpan.FromSeconds(1));
        var takeover = await store.ClaimAsync(workspace.Id, "key-1", "fp", "t", Day, Stale, None);

        Assert.True(takeover.Claimed);
        Assert.True(takeover.TookOverStaleClaim);
        Assert.NotEqual(first.Record.ClaimId, takeover.Record.ClaimId);
        Assert.False(await store.CompleteAsync(workspace.Id, "key-1", first.Record.ClaimId, "{}", null, None));
    }

    [SkippableFact]
    public async Task Keys_AreScopedToTheirWorkspace()
    {
        await using var storage = await backend.CreateAsync();
        var acme = await storage.CreateWorkspaceAsync("acme");
        var globex = await storage.CreateWorkspaceAsync("globex");
        var store = Store(storage);

        Assert.True((await store.ClaimAsync(acme.Id, "key-1", "fp", "t", Day, Stale, None)).Claimed);
        Assert.True((await store.ClaimAsync(globex.Id, "key-1", "fp", "t", Day, Stale, None)).Claimed);
    }

    private static IIdempotencyStore Store(TestStores storage) => storage.Idempotency;
}
