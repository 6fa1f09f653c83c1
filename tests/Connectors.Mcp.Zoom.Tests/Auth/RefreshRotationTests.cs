using Connectors.Mcp.Sandbox.Zoom;
using Connectors.Mcp.Zoom.Meetings.Actions;
using Connectors.Mcp.Zoom.Tests.TestSupport;

namespace Connectors.Mcp.Zoom.Tests.Auth;

/// <summary>Zoom's rotating refresh tokens on Core's refresh protocol (SQLite, real HTTP to the fake, which kills a refresh token once used).</summary>
public sealed class RefreshRotationTests
{
    private static readonly TimeSpan Bounded = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task HundredConcurrentCalls_OnAnExpiringToken_CauseExactlyOneTokenRequest()
    {
        await using var harness = await StoredZoomHarness.StartAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(() => harness.Main.RunAsync(ListMeetingsAction.Name)))).WaitAsync(Bounded);

        Assert.Equal(100, results.Length);
        Assert.Equal(1, harness.Server.TokenRequests("refresh_token"));
        Assert.Equal(1, harness.Server.RequestCount(FakeZoomEndpoint.Token));
        var stored = await harness.Main.StoredAsync();
        Assert.NotEqual(harness.Grant.RefreshToken, stored!.Tokens.RefreshToken);
        Assert.False(harness.Server.IsLiveRefreshToken(harness.Grant.RefreshToken));
        Assert.True(harness.Server.IsLiveRefreshToken(stored.Tokens.RefreshToken!)); // the rotated token was committed
    }

    [Fact]
    public async Task TwoProcesses_OnOneDatabase_RefreshOnce_AndBothUseTheRotatedToken()
    {
        await using var harness = await StoredZoomHarness.StartAsync();
        var other = harness.StartProcess();

        var results = await Task.WhenAll(Enumerable.Range(0, 40)
            .Select(i => Task.Run(() => (i % 2 == 0 ? harness.Main : other).RunAsync(ListMeetingsAction.Name)))).WaitAsync(Bounded);

        Assert.Equal(40, results.Length);
        Assert.Equal(1, harness.Server.TokenRequests("refresh_token"));
        var stored = (await other.StoredAsync())!;
        Assert.Equal((await harness.Main.StoredAsync())!.Tokens.RefreshToken, stored.Tokens.RefreshToken);
        Assert.True(harness.Server.IsLiveRefreshToken(stored.Tokens.RefreshToken!));
    }
}
