using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Google.Tests.TestSupport;
using Connectors.Mcp.Sandbox.Google;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Mcp.Google.Tests.Auth;

/// <summary>
/// The Gmail connector's refreshes on the real credential protocol (SQLite store, refresh coordinator, fake Google over
/// HTTP): one refresh in flight per connector across threads and "processes", a lease that outlives no crash, the
/// version-checked save, rotation, dead grants and back-off.
/// </summary>
public sealed class RefreshProtocolTests
{
    private static readonly TimeSpan Expiring = TimeSpan.FromMinutes(1); // inside the 5-minute skew: refreshed before use
    private static readonly TimeSpan Bounded = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task HundredConcurrentCalls_OnAnExpiredToken_CauseExactlyOneTokenRequest()
    {
        await using var harness = await StoredGmailHarness.StartAsync(TimeProvider.System, Expiring, tokenDelay: TimeSpan.FromMilliseconds(300));

        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(() => harness.Main.RunAsync("list_labels")))).WaitAsync(Bounded);

        Assert.All(results, r => Assert.NotEmpty(r["labels"]!.AsArray()));
        Assert.Equal(1, harness.Server.TokenRequestCount);
        Assert.Equal(100, harness.Server.RequestCount(FakeGoogleEndpoints.LabelsList));
        var stored = await harness.Main.StoredAsync();
        Assert.Equal(2, stored!.Version);
        Assert.NotEqual(harness.Grant.AccessToken, stored.Tokens.AccessToken);
        Assert.Equal(CredentialState.Active, stored.State);
    }

    [Fact]
    public async Task TwoProcesses_FiftyCallsEach_OnAnExpiredToken_CauseExactlyOneTokenRequest()
    {
        await using var harness = await StoredGmailHarness.StartAsync(TimeProvider.System, Expiring, tokenDelay: TimeSpan.FromMilliseconds(500));
        var other = harness.StartProcess();

        var calls = Enumerable.Range(0, 100).Select(i => Task.Run(() => (i % 2 == 0 ? harness.Main : other).RunAsync("list_labels")));
        var results = await Task.WhenAll(calls).WaitAsync(Bounded);

        Assert.Equal(100, results.Length);
        Assert.Equal(1, harness.Server.TokenRequestCount);
        Assert.Equal(2, (await other.StoredAsync())!.Version);
    }

    [Fact]
    public async Task LeaseHeldByAnotherProcess_CallWaitsForItsResult_AndUsesItWithoutATokenRequest()
    {
        await using var harness = await StoredGmailHarness.StartAsync(TimeProvider.System, Expiring);
        var lease = await harness.Main.Credentials.TryAcquireRefreshLeaseAsync(harness.Workspace.Id, harness.ConnectorId, 1, "other-process:1", TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.Equal(RefreshLeaseStatus.Acquired, lease.Status);
        Assert.Equal(CredentialState.Refreshing, (await harness.Main.ConnectorAsync()).CredentialState);

        var call = Task.Run(() => harness.Main.RunAsync("list_labels"));
        await Task.Delay(TimeSpan.FromMilliseconds(400));
        Assert.False(call.IsCompleted, "the call must wait while another process holds the refresh lease");
        Assert.Equal(0, harness.Server.RequestCount(FakeGoogleEndpoints.LabelsList));

        // The other process finishes its refresh: fresh tokens, saved with the version check.
        var theirs = harness.Server.IssueTokens(harness.Grant.RefreshToken);
        Assert.NotNull(await harness.Main.Credentials.SaveRefreshedTokensAsync(
            harness.Workspace.Id, harness.ConnectorId, new OAuthTokens(theirs.AccessToken, theirs.RefreshToken, theirs.ExpiresAt), 1, CancellationToken.None));

        Assert.NotEmpty((await call.WaitAsync(Bounded))["labels"]!.AsArray());
        Assert.Equal(0, harness.Server.TokenRequestCount);
        Assert.Equal(1, harness.Server.RequestCount(FakeGoogleEndpoints.LabelsList));
    }

    [Fact]
    public async Task LeaseOfACrashedHolder_Expires_AndTheNextCallerRefreshes()
    {
        var options = new CredentialRefreshOptions { LeaseDuration = TimeSpan.FromSeconds(1.5), TokenRequestTimeout = TimeSpan.FromSeconds(1) };
        await using var harness = await StoredGmailHarness.StartAsync(TimeProvider.System, Expiring, refreshOptions: options);
        await harness.Main.Credentials.TryAcquireRefreshLeaseAsync(harness.Workspace.Id, harness.ConnectorId, 1, "crashed:1", options.LeaseDuration, CancellationToken.None);
        var started = TimeProvider.System.GetTimestamp();

        var result = await harness.Main.RunAsync("list_labels").WaitAsync(Bounded);

        Assert.NotEmpty(result["labels"]!.AsArray());
        Assert.True(TimeProvider.System.GetElapsedTime(started) >= TimeSpan.FromSeconds(1.2), "it waited for the crashed holder's lease to run out");
        Assert.Equal(1, harness.Server.TokenRequestCount);
        Assert.Equal(2, (await harness.Main.StoredAsync())!.Version);
    }

    [Fact]
    public async Task RotatedRefreshToken_IsCommittedBeforeTheNewAccessTokenIsUsed_AndAFreshProcessCanRefreshWithIt()
    {
        var time = WholeMillisecondClock();
        await using var harness = await StoredGmailHarness.StartAsync(time, Expiring, rotateRefreshTokens: true);
        var observer = harness.StartProcess(); // reads the file as a third party would, at the moment Gmail is called
        var seenAtFirstGmailCall = new List<(string? Bearer, OAuthTokens? Stored)>();
        harness.BeforeSend = async request =>
        {
            if (request.RequestUri!.AbsolutePath.Contains("/gmail/", StringComparison.Ordinal) && seenAtFirstGmailCall.Count == 0)
            {
                seenAtFirstGmailCall.Add((request.Headers.Authorization?.Parameter, (await observer.StoredAsync())?.Tokens));
            }
        };

        await harness.Main.RunAsync("list_labels");

        var (bearer, storedThen) = Assert.Single(seenAtFirstGmailCall);
        Assert.NotEqual(harness.Grant.AccessToken, bearer);
        Assert.Equal(storedThen!.AccessToken, bearer); // the access token in use was already committed…
        Assert.NotEqual(harness.Grant.RefreshToken, storedThen.RefreshToken); // …together with the rotated refresh token
        Assert.False(harness.Server.IsLiveRefreshToken(harness.Grant.RefreshToken), "the fake killed the old refresh token");
        Assert.True(harness.Server.IsLiveRefreshToken(storedThen.RefreshToken!));

        // A process started now, with only the database, refreshes with the rotated token.
        harness.BeforeSend = null;
        time.Advance(TimeSpan.FromHours(1));
        var fresh = harness.StartProcess();
        Assert.NotEmpty((await fresh.RunAsync("list_labels"))["labels"]!.AsArray());
        Assert.Equal(2, harness.Server.TokenRequestCount);
        Assert.Equal(3, (await fresh.StoredAsync())!.Version);
    }

    [Fact]
    public async Task InvalidGrant_NeedsReauth_AndLaterCallsMakeNoTokenRequest()
    {
        var time = WholeMillisecondClock();
        await using var harness = await StoredGmailHarness.StartAsync(time, Expiring);
        harness.Server.RevokeGrant(harness.Grant.RefreshToken);

        var error = await Assert.ThrowsAsync<ReconnectRequiredException>(() => harness.Main.RunAsync("list_labels"));
        var again = await Assert.ThrowsAsync<ReconnectRequiredException>(() => harness.StartProcess().RunAsync("list_labels"));

        Assert.Contains("invalid_grant", error.Message);
        Assert.Contains(harness.ConnectorId, again.Message);
        Assert.Equal(1, harness.Server.TokenRequestCount);
        Assert.Equal(0, harness.Server.RequestCount(FakeGoogleEndpoints.LabelsList));
        var connector = await harness.Main.ConnectorAsync();
        Assert.Equal(ConnectorStatus.NeedsReauth, connector.Status);
        Assert.Equal(CredentialState.NeedsReauth, connector.CredentialState);
        Assert.Equal(harness.Grant.RefreshToken, (await harness.Main.StoredAsync())!.Tokens.RefreshToken); // kept, not deleted
    }

    [Fact]
    public async Task TokenEndpoint5xx_KeepsTokens_BacksOffForEveryProcess_AndTheNextSuccessClearsIt()
    {
        var time = WholeMillisecondClock();
        await using var harness = await StoredGmailHarness.StartAsync(time, Expiring);
        harness.Server.InjectFault(FakeGoogleEndpoints.Token, FakeFault.Unavailable());

        var failed = await Assert.ThrowsAsync<AuthenticationFailedException>(() => harness.Main.RunAsync("list_labels"));
        Assert.Contains("503", failed.Message);
        Assert.Equal(TimeSpan.FromSeconds(5), failed.RetryAfter);
        Assert.Equal(harness.Grant.AccessToken, (await harness.Main.StoredAsync())!.Tokens.AccessToken);

        // During the back-off, calls in this and any other process fail fast, without a token request.
        var paused = await Assert.ThrowsAsync<RateLimitedException>(() => harness.StartProcess().RunAsync("list_labels"));
        Assert.Equal(TimeSpan.FromSeconds(5), paused.RetryAfter);
        Assert.Contains("no request was sent", paused.Message);
        Assert.Equal(1, harness.Server.TokenRequestCount);

        // The next failure doubles the back-off.
        time.Advance(TimeSpan.FromSeconds(5));
        harness.Server.InjectFault(FakeGoogleEndpoints.Token, FakeFault.Unavailable());
        var second = await Assert.ThrowsAsync<AuthenticationFailedException>(() => harness.Main.RunAsync("list_labels"));
        Assert.Equal(TimeSpan.FromSeconds(10), second.RetryAfter);
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(TimeSpan.FromSeconds(1), (await Assert.ThrowsAsync<RateLimitedException>(() => harness.Main.RunAsync("list_labels"))).RetryAfter);
        Assert.Equal(2, harness.Server.TokenRequestCount);

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.NotEmpty((await harness.Main.RunAsync("list_labels"))["labels"]!.AsArray());

        Assert.Equal(3, harness.Server.TokenRequestCount);
        var stored = await harness.Main.StoredAsync();
        Assert.Null(stored!.RefreshBlockedUntil);
        Assert.Equal(ConnectorStatus.Active, (await harness.Main.ConnectorAsync()).Status);
    }

    [Fact]
    public async Task Gmail401_AfterAnotherProcessRefreshed_UsesTheStoredTokensWithoutATokenRequest()
    {
        await using var harness = await StoredGmailHarness.StartAsync(TimeProvider.System, TimeSpan.FromHours(1));
        var other = harness.StartProcess();
        var interfered = false;
        harness.BeforeSend = async request =>
        {
            if (!interfered && request.RequestUri!.AbsolutePath.Contains("/gmail/", StringComparison.Ordinal))
            {
                // While this call is on its way with the old token, the other process refreshes and Google drops the old token.
                interfered = true;
                harness.Server.ExpireAccessTokens();
                var theirs = harness.Server.IssueTokens(harness.Grant.RefreshToken);
                await other.Credentials.SaveRefreshedTokensAsync(
                    harness.Workspace.Id, harness.ConnectorId, new OAuthTokens(theirs.AccessToken, theirs.RefreshToken, theirs.ExpiresAt), 1, CancellationToken.None);
            }
        };

        var result = await harness.Main.RunAsync("list_labels");

        Assert.NotEmpty(result["labels"]!.AsArray());
        Assert.Equal(0, harness.Server.TokenRequestCount);
        Assert.Equal(2, harness.Server.RequestCount(FakeGoogleEndpoints.LabelsList)); // the 401, then the retry with their token
    }

    [Fact]
    public async Task Gmail401_OnAFreshToken_OneForcedRefreshUnderTheLease_AndOneRetry()
    {
        await using var harness = await StoredGmailHarness.StartAsync(TimeProvider.System, TimeSpan.FromHours(1));
        await harness.Main.RunAsync("list_labels");
        harness.Server.ExpireAccessTokens(); // the stored token is an hour from expiry; Google rejects it anyway

        var result = await harness.Main.RunAsync("list_labels");

        Assert.NotEmpty(result["labels"]!.AsArray());
        Assert.Equal(1, harness.Server.TokenRequestCount);
        Assert.Equal(3, harness.Server.RequestCount(FakeGoogleEndpoints.LabelsList));
        Assert.Equal(2, (await harness.Main.StoredAsync())!.Version);
    }

    [Fact]
    public async Task InvalidGrant_ForARefreshTokenRotatedAwayMeanwhile_IsNotADeadGrant()
    {
        await using var harness = await StoredGmailHarness.StartAsync(TimeProvider.System, Expiring);
        var store = harness.Main.Credentials;
        var coordinator = harness.Main.Coordinator;
        var rotated = harness.Server.IssueTokens(harness.Server.MintRefreshToken());

        // This holder's lease has run out; meanwhile another process refreshed (rotating the refresh token away), so the
        // provider answers this holder's stale refresh token with invalid_grant.
        var result = await coordinator.RefreshAsync(store, harness.Workspace.Id, harness.ConnectorId, 1, async (attempt, ct) =>
        {
            await store.SaveRefreshedTokensAsync(
                harness.Workspace.Id, harness.ConnectorId, new OAuthTokens(rotated.AccessToken, rotated.RefreshToken, rotated.ExpiresAt), 1, ct);
            throw new TokenRefreshException(TokenRefreshFailure.GrantRevoked, "invalid_grant");
        }, CancellationToken.None);

        Assert.Equal(rotated.AccessToken, result.Tokens.AccessToken);
        Assert.Equal(2, result.Version);
        Assert.Equal(CredentialState.Active, (await harness.Main.ConnectorAsync()).CredentialState);
    }

    [Fact]
    public async Task Disconnected_WhileARefreshRan_TheRefreshIsNotSaved()
    {
        await using var harness = await StoredGmailHarness.StartAsync(TimeProvider.System, Expiring);
        harness.BeforeSend = async request =>
        {
            if (request.RequestUri!.AbsolutePath.EndsWith("/token", StringComparison.Ordinal))
            {
                await harness.Main.Credentials.DeleteTokensAsync(harness.ConnectorId, CancellationToken.None);
            }
        };

        var error = await Assert.ThrowsAsync<ReconnectRequiredException>(() => harness.Main.RunAsync("list_labels"));

        Assert.Contains("must be reconnected", error.Message);
        Assert.Null(await harness.Main.StoredAsync());
        Assert.Equal(CredentialState.Revoked, (await harness.Main.ConnectorAsync()).CredentialState);
        Assert.Equal(0, harness.Server.RequestCount(FakeGoogleEndpoints.LabelsList));
    }

    /// <summary>A fake clock on a whole millisecond, as the database stores instants (so back-off arithmetic is exact).</summary>
    private static FakeTimeProvider WholeMillisecondClock() =>
        new(DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
}
