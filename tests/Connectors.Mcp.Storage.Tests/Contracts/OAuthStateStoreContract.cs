using System.Security.Cryptography;
using Connectors.Mcp.Core.Security;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Connectors.Mcp.Storage.Tests.Backends;

namespace Connectors.Mcp.Storage.Tests.Contracts;

public abstract class OAuthStateStoreContract(StorageBackend backend)
{
    private const string RedirectUri = "http://127.0.0.1:53682/callback";
    private static readonly CancellationToken None = CancellationToken.None;

    [SkippableFact]
    public async Task RedeemAsync_SavedState_ReturnsTheAuthorizationOnce_ThenAlreadyUsed()
    {
        await using var storage = await backend.CreateAsync();
        var states = Store(storage);
        var pending = await PendingAsync(storage);
        await states.SaveAsync(pending, None);

        var first = await states.RedeemAsync(pending.State, None);
        var second = await states.RedeemAsync(pending.State, None);

        Assert.Equal(OAuthStateStatus.Redeemed, first.Status);
        Assert.Equal(pending, first.Authorization);
        Assert.Equal(OAuthStateStatus.AlreadyUsed, second.Status);
        Assert.Null(second.Authorization);
    }

    [SkippableFact]
    public async Task RedeemAsync_NeverIssuedOrEmpty_IsUnknown()
    {
        await using var storage = await backend.CreateAsync();
        var states = Store(storage);
        await states.SaveAsync(await PendingAsync(storage), None);

        Assert.Equal(OAuthStateStatus.Unknown, (await states.RedeemAsync("not-a-state-we-issued", None)).Status);
        Assert.Equal(OAuthStateStatus.Unknown, (await states.RedeemAsync("", None)).Status);
    }

    [SkippableFact]
    public async Task RedeemAsync_SameStateFromManyThreadsAndTwoProcesses_RedeemsExactlyOnce()
    {
        await using var storage = await backend.CreateAsync();
        var pending = await PendingAsync(storage);
        await Store(storage).SaveAsync(pending, None);
        var here = Store(storage);
        var otherProcess = (await storage.OpenAnotherInstanceAsync()).OAuthStates;

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            Task.Run(() => (i % 2 == 0 ? here : otherProcess).RedeemAsync(pending.State, None))));

        Assert.Single(results, r => r.Status == OAuthStateStatus.Redeemed);
        Assert.Equal(15, results.Count(r => r.Status == OAuthStateStatus.AlreadyUsed));
    }

    [SkippableFact]
    public async Task SaveAsync_KeepsNeitherTheStateNorTheVerifierInClear()
    {
        await using var storage = await backend.CreateAsync();
        var pending = await PendingAsync(storage);

        await Store(storage).SaveAsync(pending, None);

        Assert.False(await storage.ContainsAsync(pending.State));
        Assert.False(await storage.ContainsAsync(pending.CodeVerifier));
        Assert.Equal(StateHash(pending.State), await storage.ScalarRawAsync("SELECT state_hash FROM oauth_states;"));
        Assert.Equal(RedirectUri, await storage.ScalarRawAsync("SELECT redirect_uri FROM oauth_states;"));
    }

    [SkippableFact]
    public async Task RedeemAsync_ErasesTheEncryptedVerifier()
    {
        await using var storage = await backend.CreateAsync();
        var states = Store(storage);
        var pending = await PendingAsync(storage);
        await states.SaveAsync(pending, None);
        Assert.IsType<byte[]>(await storage.ScalarRawAsync("SELECT verifier_encrypted FROM oauth_states;"));

        await states.RedeemAsync(pending.State, None);

        Assert.Null(await storage.ScalarRawAsync("SELECT verifier_encrypted FROM oauth_states;"));
        Assert.Equal(1L, await storage.ScalarRawAsync("SELECT COUNT(*) FROM oauth_states WHERE redeemed_at = @at;", ("@at", storage.TimeValue(TestStores.Start))));
    }

    [SkippableFact]
    public async Task RedeemAsync_AfterExpiry_StillRedeemsOnce_TheCallerJudgesTheAge()
    {
        await using var storage = await backend.CreateAsync();
        var states = Store(storage);
        var pending = await PendingAsync(storage);
        await states.SaveAsync(pending, None);
        storage.Time.Advance(TimeSpan.FromMinutes(11));

        var redeemed = await states.RedeemAsync(pending.State, None);

        Assert.Equal(OAuthStateStatus.Redeemed, redeemed.Status);
        Assert.True(redeemed.Authorization!.ExpiresAt < storage.Time.GetUtcNow());
        Assert.Equal(OAuthStateStatus.AlreadyUsed, (await states.RedeemAsync(pending.State, None)).Status);
    }

    [SkippableFact]
    public async Task SaveAsync_PurgesStatesExpiredMoreThanADayAgo_KeepsRecentOnes()
    {
        await using var storage = await backend.CreateAsync();
        var states = Store(storage);
        var old = await PendingAsync(storage);
        await states.SaveAsync(old, None);
        var usedLongAgo = await PendingAsync(storage, "other");
        await states.SaveAsync(usedLongAgo, None);
        await states.RedeemAsync(usedLongAgo.State, None);
        storage.Time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(11));
        var recent = await PendingAsync(storage, "third");

        await states.SaveAsync(recent, None);

        Assert.Equal(1L, await storage.ScalarRawAsync("SELECT COUNT(*) FROM oauth_states;"));
        Assert.Equal(OAuthStateStatus.Unknown, (await states.RedeemAsync(old.State, None)).Status);
        Assert.Equal(OAuthStateStatus.Unknown, (await states.RedeemAsync(usedLongAgo.State, None)).Status);
        Assert.Equal(OAuthStateStatus.Redeemed, (await states.RedeemAsync(recent.State, None)).Status);
    }

    [SkippableFact]
    public async Task RemovingTheConnector_RemovesItsStates()
    {
        await using var storage = await backend.CreateAsync();
        var states = Store(storage);
        var pending = await PendingAsync(storage);
        await states.SaveAsync(pending, None);

        await storage.Connectors.RemoveAsync(pending.ConnectorId, None);

        Assert.Equal(OAuthStateStatus.Unknown, (await states.RedeemAsync(pending.State, None)).Status);
    }

    [SkippableFact]
    public async Task RedeemAsync_VerifierCopiedFromAnotherRow_DoesNotDecrypt_AndTheStateIsSpent()
    {
        await using var storage = await backend.CreateAsync();
        var states = Store(storage);
        var victim = await PendingAsync(storage);
        var attacker = await PendingAsync(storage, "attacker");
        await states.SaveAsync(victim, None);
        await states.SaveAsync(attacker, None);
        await storage.ExecuteRawAsync(
            "UPDATE oauth_states SET verifier_encrypted = (SELECT verifier_encrypted FROM oauth_states WHERE state_hash = @victim) WHERE state_hash = @attacker;",
            ("@victim", StateHash(victim.State)),
            ("@attacker", StateHash(attacker.State)));

        Assert.Equal(OAuthStateStatus.Unknown, (await states.RedeemAsync(attacker.State, None)).Status);
        Assert.Equal(OAuthStateStatus.AlreadyUsed, (await states.RedeemAsync(attacker.State, None)).Status);
        Assert.Equal(victim, (await states.RedeemAsync(victim.State, None)).Authorization);
    }

    [SkippableFact]
    public async Task SaveAsync_UnknownConnectorOrOtherWorkspace_ThrowsNotFound()
    {
        await using var storage = await backend.CreateAsync();
        var pending = await PendingAsync(storage);
        var other = await storage.CreateWorkspaceAsync("globex");

        await Assert.ThrowsAsync<EntityNotFoundException>(() => Store(storage).SaveAsync(pending with { ConnectorId = "con_missing" }, None));
        await Assert.ThrowsAsync<EntityNotFoundException>(() => Store(storage).SaveAsync(pending with { WorkspaceId = other.Id }, None));
        Assert.Equal(0L, await storage.ScalarRawAsync("SELECT COUNT(*) FROM oauth_states;"));
    }

    [SkippableFact]
    public void PendingAuthorization_ToString_HidesTheStateAndVerifier()
    {
        var pending = new OAuthPendingAuthorization("the-state", "ws_1", "con_1", RedirectUri, "the-verifier", TestStores.Start, TestStores.Start.AddMinutes(10));

        Assert.DoesNotContain("the-state", pending.ToString());
        Assert.DoesNotContain("the-verifier", pending.ToString());
        Assert.Contains("con_1", pending.ToString());
    }

    private static IOAuthStateStore Store(TestStores storage) => storage.OAuthStates;

    private static string StateHash(string state) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(state)));

    private static async Task<OAuthPendingAuthorization> PendingAsync(TestStores storage, string connectorName = "gmail")
    {
        var workspace = (await storage.Workspaces.FindBySlugAsync("acme", None)) ?? await storage.CreateWorkspaceAsync("acme", WorkspacePlan.Pro);
        var connector = await storage.Connectors.AddAsync(workspace.Id, "gmail", connectorName, new Dictionary<string, string>(), None);
        var now = storage.Time.GetUtcNow();
        return new OAuthPendingAuthorization(
            "state-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16)),
            workspace.Id,
            connector.Id,
            RedirectUri,
            "verifier-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(24)),
            now,
            now.AddMinutes(10));
    }
}
