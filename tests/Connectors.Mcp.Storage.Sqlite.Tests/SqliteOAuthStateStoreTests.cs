using System.Security.Cryptography;
using Connectors.Mcp.Core.Security;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Storage.Sqlite.Tests;

public sealed class SqliteOAuthStateStoreTests
{
    private const string RedirectUri = "http://127.0.0.1:53682/callback";
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task RedeemAsync_SavedState_ReturnsTheAuthorizationOnce_ThenAlreadyUsed()
    {
        using var storage = await TestStorage.CreateAsync();
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

    [Fact]
    public async Task RedeemAsync_NeverIssuedOrEmpty_IsUnknown()
    {
        using var storage = await TestStorage.CreateAsync();
        var states = Store(storage);
        await states.SaveAsync(await PendingAsync(storage), None);

        Assert.Equal(OAuthStateStatus.Unknown, (await states.RedeemAsync("not-a-state-we-issued", None)).Status);
        Assert.Equal(OAuthStateStatus.Unknown, (await states.RedeemAsync("", None)).Status);
    }

    [Fact]
    public async Task RedeemAsync_SameStateFromManyThreadsAndTwoProcesses_RedeemsExactlyOnce()
    {
        using var storage = await TestStorage.CreateAsync();
        var pending = await PendingAsync(storage);
        await Store(storage).SaveAsync(pending, None);
        var here = Store(storage);
        var otherProcess = new SqliteOAuthStateStore(storage.OpenDatabase(), storage.Time, storage.Protector);

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            Task.Run(() => (i % 2 == 0 ? here : otherProcess).RedeemAsync(pending.State, None))));

        Assert.Single(results, r => r.Status == OAuthStateStatus.Redeemed);
        Assert.Equal(15, results.Count(r => r.Status == OAuthStateStatus.AlreadyUsed));
    }

    [Fact]
    public async Task SaveAsync_KeepsNeitherTheStateNorTheVerifierInClear()
    {
        using var storage = await TestStorage.CreateAsync();
        var pending = await PendingAsync(storage);

        await Store(storage).SaveAsync(pending, None);

        Assert.False(storage.FilesContain(pending.State));
        Assert.False(storage.FilesContain(pending.CodeVerifier));
        Assert.Equal(SqliteOAuthStateStore.Hash(pending.State), storage.ScalarRaw("SELECT state_hash FROM oauth_states;"));
        Assert.Equal(RedirectUri, storage.ScalarRaw("SELECT redirect_uri FROM oauth_states;"));
    }

    [Fact]
    public async Task RedeemAsync_ErasesTheEncryptedVerifier()
    {
        using var storage = await TestStorage.CreateAsync();
        var states = Store(storage);
        var pending = await PendingAsync(storage);
        await states.SaveAsync(pending, None);
        Assert.IsType<byte[]>(storage.ScalarRaw("SELECT verifier_encrypted FROM oauth_states;"));

        await states.RedeemAsync(pending.State, None);

        Assert.Equal(DBNull.Value, storage.ScalarRaw("SELECT verifier_encrypted FROM oauth_states;"));
        Assert.Equal("2026-02-06T12:00:00.000Z", storage.ScalarRaw("SELECT redeemed_at FROM oauth_states;"));
    }

    [Fact]
    public async Task RedeemAsync_AfterExpiry_StillRedeemsOnce_TheCallerJudgesTheAge()
    {
        using var storage = await TestStorage.CreateAsync();
        var states = Store(storage);
        var pending = await PendingAsync(storage);
        await states.SaveAsync(pending, None);
        storage.Time.Advance(TimeSpan.FromMinutes(11));

        var redeemed = await states.RedeemAsync(pending.State, None);

        Assert.Equal(OAuthStateStatus.Redeemed, redeemed.Status);
        Assert.True(redeemed.Authorization!.ExpiresAt < storage.Time.GetUtcNow());
        Assert.Equal(OAuthStateStatus.AlreadyUsed, (await states.RedeemAsync(pending.State, None)).Status);
    }

    [Fact]
    public async Task SaveAsync_PurgesStatesExpiredMoreThanADayAgo_KeepsRecentOnes()
    {
        using var storage = await TestStorage.CreateAsync();
        var states = Store(storage);
        var old = await PendingAsync(storage);
        await states.SaveAsync(old, None);
        var usedLongAgo = await PendingAsync(storage, "other");
        await states.SaveAsync(usedLongAgo, None);
        await states.RedeemAsync(usedLongAgo.State, None);
        storage.Time.Advance(SqliteOAuthStateStore.Retention + TimeSpan.FromMinutes(11));
        var recent = await PendingAsync(storage, "third");

        await states.SaveAsync(recent, None);

        Assert.Equal(1L, storage.ScalarRaw("SELECT COUNT(*) FROM oauth_states;"));
        Assert.Equal(OAuthStateStatus.Unknown, (await states.RedeemAsync(old.State, None)).Status);
        Assert.Equal(OAuthStateStatus.Unknown, (await states.RedeemAsync(usedLongAgo.State, None)).Status);
        Assert.Equal(OAuthStateStatus.Redeemed, (await states.RedeemAsync(recent.State, None)).Status);
    }

    [Fact]
    public async Task RemovingTheConnector_RemovesItsStates()
    {
        using var storage = await TestStorage.CreateAsync();
        var states = Store(storage);
        var pending = await PendingAsync(storage);
        await states.SaveAsync(pending, None);

        await storage.Connectors.RemoveAsync(pending.ConnectorId, None);

        Assert.Equal(OAuthStateStatus.Unknown, (await states.RedeemAsync(pending.State, None)).Status);
    }

    [Fact]
    public async Task RedeemAsync_VerifierCopiedFromAnotherRow_DoesNotDecrypt_AndTheStateIsSpent()
    {
        using var storage = await TestStorage.CreateAsync();
        var states = Store(storage);
        var victim = await PendingAsync(storage);
        var attacker = await PendingAsync(storage, "attacker");
        await states.SaveAsync(victim, None);
        await states.SaveAsync(attacker, None);
        storage.ExecuteRaw(
            "UPDATE oauth_states SET verifier_encrypted = (SELECT verifier_encrypted FROM oauth_states WHERE state_hash = $victim) WHERE state_hash = $attacker;",
            ("$victim", SqliteOAuthStateStore.Hash(victim.State)),
            ("$attacker", SqliteOAuthStateStore.Hash(attacker.State)));

        Assert.Equal(OAuthStateStatus.Unknown, (await states.RedeemAsync(attacker.State, None)).Status);
        Assert.Equal(OAuthStateStatus.AlreadyUsed, (await states.RedeemAsync(attacker.State, None)).Status);
        Assert.Equal(victim, (await states.RedeemAsync(victim.State, None)).Authorization);
    }

    [Fact]
    public async Task SaveAsync_UnknownConnectorOrOtherWorkspace_ThrowsNotFound()
    {
        using var storage = await TestStorage.CreateAsync();
        var pending = await PendingAsync(storage);
        var other = await storage.CreateWorkspaceAsync("globex");

        await Assert.ThrowsAsync<EntityNotFoundException>(() => Store(storage).SaveAsync(pending with { ConnectorId = "con_missing" }, None));
        await Assert.ThrowsAsync<EntityNotFoundException>(() => Store(storage).SaveAsync(pending with { WorkspaceId = other.Id }, None));
        Assert.Equal(0L, storage.ScalarRaw("SELECT COUNT(*) FROM oauth_states;"));
    }

    [Fact]
    public void PendingAuthorization_ToString_HidesTheStateAndVerifier()
    {
        var pending = new OAuthPendingAuthorization("the-state", "ws_1", "con_1", RedirectUri, "the-verifier", TestStorage.Start, TestStorage.Start.AddMinutes(10));

        Assert.DoesNotContain("the-state", pending.ToString());
        Assert.DoesNotContain("the-verifier", pending.ToString());
        Assert.Contains("con_1", pending.ToString());
    }

    [Fact]
    public async Task AddSqliteStorage_RegistersTheStateStore()
    {
        var folder = Path.Combine(Path.GetTempPath(), "connectors-mcp-storage-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var services = new ServiceCollection();
            services.AddSingleton(TimeProvider.System);
            services.AddSingleton(new SecretProtector(RandomNumberGenerator.GetBytes(32)));
            services.AddSqliteStorage(Path.Combine(folder, "connectors.db"));
            await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

            Assert.IsType<SqliteOAuthStateStore>(provider.GetRequiredService<IOAuthStateStore>());
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static SqliteOAuthStateStore Store(TestStorage storage) => new(storage.Database, storage.Time, storage.Protector);

    private static async Task<OAuthPendingAuthorization> PendingAsync(TestStorage storage, string connectorName = "gmail")
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
