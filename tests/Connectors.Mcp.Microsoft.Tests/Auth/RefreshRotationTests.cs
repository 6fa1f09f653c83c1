using Connectors.Mcp.Microsoft.Mail.Actions;
using Connectors.Mcp.Microsoft.Tests.TestSupport;
using Connectors.Mcp.Sandbox.Microsoft;

namespace Connectors.Mcp.Microsoft.Tests.Auth;

/// <summary>Microsoft's rotating refresh tokens on Core's refresh protocol (SQLite, real HTTP to the fake).</summary>
public sealed class RefreshRotationTests
{
    private static readonly TimeSpan Bounded = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task HundredConcurrentCalls_OnAnExpiringToken_CauseExactlyOneTokenRequest()
    {
        await using var harness = await StoredOutlookHarness.StartAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(() => harness.Main.RunAsync(ListFoldersAction.Name)))).WaitAsync(Bounded);

        Assert.Equal(100, results.Length);
        Assert.Equal(1, harness.Server.RequestCount(FakeMicrosoftEndpoints.Token));
        var stored = await harness.Main.StoredAsync();
        Assert.NotEqual(harness.Grant.RefreshToken, stored!.Tokens.RefreshToken);
        Assert.True(harness.Server.IsLiveRefreshToken(stored.Tokens.RefreshToken!)); // the rotated token was committed
    }

    [Fact]
    public async Task TwoProcesses_OnOneDatabase_RefreshOnce_AndBothUseTheRotatedTokens()
    {
        await using var harness = await StoredOutlookHarness.StartAsync();
        var other = harness.StartProcess();

        var results = await Task.WhenAll(Enumerable.Range(0, 40)
            .Select(i => Task.Run(() => (i % 2 == 0 ? harness.Main : other).RunAsync(ListFoldersAction.Name)))).WaitAsync(Bounded);

        Assert.Equal(40, results.Length);
        Assert.Equal(1, harness.Server.RequestCount(FakeMicrosoftEndpoints.Token));
        Assert.Equal((await harness.Main.StoredAsync())!.Tokens.RefreshToken, (await other.StoredAsync())!.Tokens.RefreshToken);
    }
}
