using Connectors.Mcp.Core.Storage;

namespace Connectors.Mcp.Storage.Sqlite.Tests;

public sealed class SqliteAdminTokenStoreTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task CreateAsync_ReturnsTheSecretOnce_AndStoresOnlyItsHash()
    {
        using var storage = await TestStorage.CreateAsync();
        var store = new SqliteAdminTokenStore(storage.Database, storage.Time);

        var issued = await store.CreateAsync("ops", TestStorage.Actor, None);

        Assert.Matches("^cma_[A-Za-z0-9_-]{43}$", issued.Secret);
        Assert.Matches("^adm_[0-9a-z]{24}$", issued.Token.Id);
        Assert.Equal("ops", issued.Token.Name);
        Assert.Equal(TestStorage.Start, issued.Token.CreatedAt);
        Assert.DoesNotContain(issued.Secret, issued.ToString(), StringComparison.Ordinal);
        Assert.Equal(
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(issued.Secret))),
            storage.ScalarRaw("SELECT token_hash FROM admin_tokens WHERE id = $id;", ("$id", issued.Token.Id)));
        Assert.False(storage.FilesContain(issued.Secret));
    }

    [Fact]
    public async Task FindBySecretAsync_LiveToken_IsFound_AndItsUseRecordedAtMostOnceAMinute()
    {
        using var storage = await TestStorage.CreateAsync();
        var store = new SqliteAdminTokenStore(storage.Database, storage.Time);
        var issued = await store.CreateAsync("ops", TestStorage.Actor, None);

        storage.Time.Advance(TimeSpan.FromSeconds(5));
        var found = await store.FindBySecretAsync(issued.Secret, None);
        storage.Time.Advance(TimeSpan.FromSeconds(30));
        await store.FindBySecretAsync(issued.Secret, None);
        var listedSoon = Assert.Single(await store.ListAsync(None));
        storage.Time.Advance(TimeSpan.FromSeconds(40));
        await store.FindBySecretAsync(issued.Secret, None);
        var listedLater = Assert.Single(await store.ListAsync(None));

        Assert.Equal(issued.Token.Id, found!.Id);
        Assert.Equal(TestStorage.Start.AddSeconds(5), listedSoon.LastUsedAt);
        Assert.Equal(TestStorage.Start.AddSeconds(75), listedLater.LastUsedAt);
    }

    [Theory]
    [InlineData("")]
    [InlineData("cma_")]
    [InlineData("cma_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("cmk_notanadmintoken")]
    public async Task FindBySecretAsync_UnknownSecret_IsNull(string secret)
    {
        using var storage = await TestStorage.CreateAsync();
        var store = new SqliteAdminTokenStore(storage.Database, storage.Time);
        await store.CreateAsync("ops", TestStorage.Actor, None);

        Assert.Null(await store.FindBySecretAsync(secret, None));
    }

    [Fact]
    public async Task RevokeAsync_TokenAndItsSessionsStopWorking_OtherTokensSessionsStay()
    {
        using var storage = await TestStorage.CreateAsync();
        var store = new SqliteAdminTokenStore(storage.Database, storage.Time);
        var revoked = await store.CreateAsync("old", TestStorage.Actor, None);
        var kept = await store.CreateAsync("new", TestStorage.Actor, None);
        var revokedSession = await store.CreateSessionAsync(revoked.Token.Id, TimeSpan.FromHours(12), None);
        var keptSession = await store.CreateSessionAsync(kept.Token.Id, TimeSpan.FromHours(12), None);

        storage.Time.Advance(TimeSpan.FromMinutes(3));
        var result = await store.RevokeAsync(revoked.Token.Id, TestStorage.Actor, None);
        var again = await store.RevokeAsync(revoked.Token.Id, TestStorage.Actor, None);

        Assert.Equal(TestStorage.Start.AddMinutes(3), result.RevokedAt);
        Assert.Equal(result.RevokedAt, again.RevokedAt);
        Assert.Null(await store.FindBySecretAsync(revoked.Secret, None));
        Assert.Null(await store.FindSessionAsync(revokedSession.SessionId, None));
        Assert.Equal(0L, storage.ScalarRaw("SELECT COUNT(*) FROM admin_sessions WHERE token_id = $id;", ("$id", revoked.Token.Id)));
        Assert.NotNull(await store.FindBySecretAsync(kept.Secret, None));
        Assert.Equal("new", (await store.FindSessionAsync(keptSession.SessionId, None))!.TokenName);
        Assert.Equal(["old", "new"], (await store.ListAsync(None)).Select(t => t.Name));
        Assert.True((await store.ListAsync(None))[0].IsRevoked);
        await Assert.ThrowsAsync<EntityNotFoundException>(() => store.CreateSessionAsync(revoked.Token.Id, TimeSpan.FromHours(1), None));
    }

    [Fact]
    public async Task RevokeAsync_UnknownId_ThrowsEntityNotFound()
    {
        using var storage = await TestStorage.CreateAsync();
        var store = new SqliteAdminTokenStore(storage.Database, storage.Time);

        await Assert.ThrowsAsync<EntityNotFoundException>(() => store.RevokeAsync("adm_missing", TestStorage.Actor, None));
    }

    [Fact]
    public async Task Session_IsFoundUntilItExpires_ThenGone()
    {
        using var storage = await TestStorage.CreateAsync();
        var store = new SqliteAdminTokenStore(storage.Database, storage.Time);
        var token = await store.CreateAsync("ops", TestStorage.Actor, None);
        var issued = await store.CreateSessionAsync(token.Token.Id, TimeSpan.FromHours(12), None);

        storage.Time.Advance(TimeSpan.FromHours(12) - TimeSpan.FromSeconds(1));
        var live = await store.FindSessionAsync(issued.SessionId, None);
        storage.Time.Advance(TimeSpan.FromSeconds(1));
        var expired = await store.FindSessionAsync(issued.SessionId, None);

        Assert.NotNull(live);
        Assert.Equal(issued.Session.CsrfToken, live.CsrfToken);
        Assert.Equal(TestStorage.Start.AddHours(12), live.ExpiresAt);
        Assert.Null(expired);
        Assert.Equal(0L, storage.ScalarRaw("SELECT COUNT(*) FROM admin_sessions;"));
    }

    [Fact]
    public async Task Session_IdIsRandomAndStoredHashed_CsrfTokenIsItsOwn()
    {
        using var storage = await TestStorage.CreateAsync();
        var store = new SqliteAdminTokenStore(storage.Database, storage.Time);
        var token = await store.CreateAsync("ops", TestStorage.Actor, None);

        var first = await store.CreateSessionAsync(token.Token.Id, TimeSpan.FromHours(1), None);
        var second = await store.CreateSessionAsync(token.Token.Id, TimeSpan.FromHours(1), None);

        Assert.Matches("^[A-Za-z0-9_-]{43}$", first.SessionId);
        Assert.NotEqual(first.SessionId, second.SessionId);
        Assert.NotEqual(first.Session.CsrfToken, second.Session.CsrfToken);
        Assert.Equal(0L, storage.ScalarRaw("SELECT COUNT(*) FROM admin_sessions WHERE session_hash = $id;", ("$id", first.SessionId)));
        Assert.False(storage.FilesContain(first.SessionId));
        Assert.Null(await store.FindSessionAsync(first.Session.CsrfToken, None));
        Assert.DoesNotContain(first.SessionId, first.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteSessionAsync_EndsThatSessionOnly()
    {
        using var storage = await TestStorage.CreateAsync();
        var store = new SqliteAdminTokenStore(storage.Database, storage.Time);
        var token = await store.CreateAsync("ops", TestStorage.Actor, None);
        var ended = await store.CreateSessionAsync(token.Token.Id, TimeSpan.FromHours(1), None);
        var other = await store.CreateSessionAsync(token.Token.Id, TimeSpan.FromHours(1), None);

        await store.DeleteSessionAsync(ended.SessionId, None);
        await store.DeleteSessionAsync("unknown", None);

        Assert.Null(await store.FindSessionAsync(ended.SessionId, None));
        Assert.NotNull(await store.FindSessionAsync(other.SessionId, None));
    }

    [Fact]
    public async Task CreateAsync_BlankOrLongName_ThrowsArgumentException()
    {
        using var storage = await TestStorage.CreateAsync();
        var store = new SqliteAdminTokenStore(storage.Database, storage.Time);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.CreateAsync(" ", TestStorage.Actor, None));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.CreateAsync(new string('x', 101), TestStorage.Actor, None));
    }
}
