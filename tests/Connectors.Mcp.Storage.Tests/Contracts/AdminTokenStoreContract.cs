using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Storage.Tests.Backends;

namespace Connectors.Mcp.Storage.Tests.Contracts;

public abstract class AdminTokenStoreContract(StorageBackend backend)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [SkippableFact]
    public async Task CreateAsync_ReturnsTheSecretOnce_AndStoresOnlyItsHash()
    {
        await using var storage = await backend.CreateAsync();
        var store = storage.AdminTokens;

        var issued = await store.CreateAsync("ops", TestStores.Actor, None);

        Assert.Matches("^cma_[A-Za-z0-9_-]{43}$", issued.Secret);
        Assert.Matches("^adm_[0-9a-z]{24}$", issued.Token.Id);
        Assert.Equal("ops", issued.Token.Name);
        Assert.Equal(TestStores.Start, issued.Token.CreatedAt);
        Assert.DoesNotContain(issued.Secret, issued.ToString(), StringComparison.Ordinal);
        Assert.Equal(
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(issued.Secret))),
            await storage.ScalarRawAsync("SELECT token_hash FROM admin_tokens WHERE id = @id;", ("@id", issued.Token.Id)));
        Assert.False(await storage.ContainsAsync(issued.Secret));
    }

    [SkippableFact]
    public async Task FindBySecretAsync_LiveToken_IsFound_AndItsUseRecordedAtMostOnceAMinute()
    {
        await using var storage = await backend.CreateAsync();
        var store = storage.AdminTokens;
        var issued = await store.CreateAsync("ops", TestStores.Actor, None);

        storage.Time.Advance(TimeSpan.FromSeconds(5));
        var found = await store.FindBySecretAsync(issued.Secret, None);
        storage.Time.Advance(TimeSpan.FromSeconds(30));
        await store.FindBySecretAsync(issued.Secret, None);
        var listedSoon = Assert.Single(await store.ListAsync(None));
        storage.Time.Advance(TimeSpan.FromSeconds(40));
        await store.FindBySecretAsync(issued.Secret, None);
        var listedLater = Assert.Single(await store.ListAsync(None));

        Assert.Equal(issued.Token.Id, found!.Id);
        Assert.Equal(TestStores.Start.AddSeconds(5), listedSoon.LastUsedAt);
        Assert.Equal(TestStores.Start.AddSeconds(75), listedLater.LastUsedAt);
    }

    [SkippableTheory]
    [InlineData("")]
    [InlineData("cma_")]
    [InlineData("cma_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("cmk_notanadmintoken")]
    public async Task FindBySecretAsync_UnknownSecret_IsNull(string secret)
    {
        await using var storage = await backend.CreateAsync();
        var store = storage.AdminTokens;
        await store.CreateAsync("ops", TestStores.Actor, None);

        Assert.Null(await store.FindBySecretAsync(secret, None));
    }

    [SkippableFact]
    public async Task RevokeAsync_TokenAndItsSessionsStopWorking_OtherTokensSessionsStay()
    {
        await using var storage = await backend.CreateAsync();
        var store = storage.AdminTokens;
        var revoked = await store.CreateAsync("old", TestStores.Actor, None);
        var kept = await store.CreateAsync("new", TestStores.Actor, None);
        var revokedSession = await store.CreateSessionAsync(revoked.Token.Id, TimeSpan.FromHours(12), None);
        var keptSession = await store.CreateSessionAsync(kept.Token.Id, TimeSpan.FromHours(12), None);

        storage.Time.Advance(TimeSpan.FromMinutes(3));
        var result = await store.RevokeAsync(revoked.Token.Id, TestStores.Actor, None);
        var again = await store.RevokeAsync(revoked.Token.Id, TestStores.Actor, None);

        Assert.Equal(TestStores.Start.AddMinutes(3), result.RevokedAt);
        Assert.Equal(result.RevokedAt, again.RevokedAt);
        Assert.Null(await store.FindBySecretAsync(revoked.Secret, None));
        Assert.Null(await store.FindSessionAsync(revokedSession.SessionId, None));
        Assert.Equal(0L, await storage.ScalarRawAsync("SELECT COUNT(*) FROM admin_sessions WHERE token_id = @id;", ("@id", revoked.Token.Id)));
        Assert.NotNull(await store.FindBySecretAsync(kept.Secret, None));
        Assert.Equal("new", (await store.FindSessionAsync(keptSession.SessionId, None))!.TokenName);
        Assert.Equal(["old", "new"], (await store.ListAsync(None)).Select(t => t.Name));
        Assert.True((await store.ListAsync(None))[0].IsRevoked);
        await Assert.ThrowsAsync<EntityNotFoundException>(() => store.CreateSessionAsync(revoked.Token.Id, TimeSpan.FromHours(1), None));
    }

    [SkippableFact]
    public async Task RevokeAsync_UnknownId_ThrowsEntityNotFound()
    {
        await using var storage = await backend.CreateAsync();
        var store = storage.AdminTokens;

        await Assert.ThrowsAsync<EntityNotFoundException>(() => store.RevokeAsync("adm_missing", TestStores.Actor, None));
    }

    [SkippableFact]
    public async Task Session_IsFoundUntilItExpires_ThenGone()
    {
        await using var storage = await backend.CreateAsync();
        var store = storage.AdminTokens;
        var token = await store.CreateAsync("ops", TestStores.Actor, None);
        var issued = await store.CreateSessionAsync(token.Token.Id, TimeSpan.FromHours(12), None);

        storage.Time.Advance(TimeSpan.FromHours(12) - TimeSpan.FromSeconds(1));
        var live = await store.FindSessionAsync(issued.SessionId, None);
        storage.Time.Advance(TimeSpan.FromSeconds(1));
        var expired = await store.FindSessionAsync(issued.SessionId, None);

        Assert.NotNull(live);
        Assert.Equal(issued.Session.CsrfToken, live.CsrfToken);
        Assert.Equal(TestStores.Start.AddHours(12), live.ExpiresAt);
        Assert.Null(expired);
        Assert.Equal(0L, await storage.ScalarRawAsync("SELECT COUNT(*) FROM admin_sessions;"));
    }

    [SkippableFact]
    public async Task Session_IdIsRandomAndStoredHashed_CsrfTokenIsItsOwn()
    {
        await using var storage = await backend.CreateAsync();
        var store = storage.AdminTokens;
        var token = await store.CreateAsync("ops", TestStores.Actor, None);

        var first = await store.CreateSessionAsync(token.Token.Id, TimeSpan.FromHours(1), None);
        var second = await store.CreateSessionAsync(token.Token.Id, TimeSpan.FromHours(1), None);

        Assert.Matches("^[A-Za-z0-9_-]{43}$", first.SessionId);
        Assert.NotEqual(first.SessionId, second.SessionId);
        Assert.NotEqual(first.Session.CsrfToken, second.Session.CsrfToken);
        Assert.Equal(0L, await storage.ScalarRawAsync("SELECT COUNT(*) FROM admin_sessions WHERE session_hash = @id;", ("@id", first.SessionId)));
        Assert.False(await storage.ContainsAsync(first.SessionId));
        Assert.Null(await store.FindSessionAsync(first.Session.CsrfToken, None));
        Assert.DoesNotContain(first.SessionId, first.ToString(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task DeleteSessionAsync_EndsThatSessionOnly()
    {
        await using var storage = await backend.CreateAsync();
        var store = storage.AdminTokens;
        var token = await store.CreateAsync("ops", TestStores.Actor, None);
        var ended = await store.CreateSessionAsync(token.Token.Id, TimeSpan.FromHours(1), None);
        var other = await store.CreateSessionAsync(token.Token.Id, TimeSpan.FromHours(1), None);

        await store.DeleteSessionAsync(ended.SessionId, None);
        await store.DeleteSessionAsync("unknown", None);

        Assert.Null(await store.FindSessionAsync(ended.SessionId, None));
        Assert.NotNull(await store.FindSessionAsync(other.SessionId, None));
    }

    [SkippableFact]
    public async Task CreateAsync_BlankOrLongName_ThrowsArgumentException()
    {
        await using var storage = await backend.CreateAsync();
        var store = storage.AdminTokens;

        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.CreateAsync(" ", TestStores.Actor, None));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.CreateAsync(new string('x', 101), TestStores.Actor, None));
    }
}
