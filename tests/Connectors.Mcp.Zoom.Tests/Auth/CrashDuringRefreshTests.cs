using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Sandbox.Zoom;
using Connectors.Mcp.Zoom.Auth;
using Connectors.Mcp.Zoom.Meetings.Actions;
using Connectors.Mcp.Zoom.Tests.TestSupport;

namespace Connectors.Mcp.Zoom.Tests.Auth;

/// <summary>
/// A process dies while it refreshes: it holds the refresh lease on the credential row and never releases it. The
/// connector, restarted as another process on the same database, either works (the dead process never reached Zoom) or
/// says needs_reauth once (Zoom rotated the token and the answer died with the process) — and never keeps asking Zoom.
/// </summary>
public sealed class CrashDuringRefreshTests
{
    private static readonly TimeSpan Bounded = TimeSpan.FromSeconds(60);

    private static readonly CredentialRefreshOptions ShortLease = new()
    {
        LeaseDuration = TimeSpan.FromSeconds(2),
        TokenRequestTimeout = TimeSpan.FromSeconds(1),
        PollInterval = TimeSpan.FromMilliseconds(50),
    };

    [Fact]
    public async Task KilledAfterZoomAnswered_BeforeTheCommit_RestartSaysNeedsReauthOnce_AndNeverLoops()
    {
        await using var harness = await StoredZoomHarness.StartAsync(ShortLease);
        var stored = (await harness.Main.StoredAsync())!;
        await DieWhileRefreshingAsync(harness, stored, reachZoom: true);
        Assert.False(harness.Server.IsLiveRefreshToken(harness.Grant.RefreshToken)); // Zoom rotated it; the answer is lost

        var restarted = harness.StartProcess();
        var first = await Assert.ThrowsAsync<ReconnectRequiredException>(() => restarted.RunAsync(ListMeetingsAction.Name)).WaitAsync(Bounded);
        var second = await Assert.ThrowsAsync<ReconnectRequiredException>(() => restarted.RunAsync(ListMeetingsAction.Name)).WaitAsync(Bounded);
        var third = await Assert.ThrowsAsync<ReconnectRequiredException>(() => harness.StartProcess().RunAsync(ListMeetingsAction.Name)).WaitAsync(Bounded);

        Assert.Contains("must be reconnected", first.Message, StringComparison.Ordinal);
        Assert.Contains("refresh token", first.Message, StringComparison.Ordinal);
        Assert.Equal(2, harness.Server.TokenRequests("refresh_token")); // the dead process's, and one to learn the grant is gone
        Assert.Equal(0, harness.Server.RequestCount(FakeZoomEndpoint.ListMeetings));
        var connector = await restarted.Connectors.FindAsync(harness.ConnectorId, CancellationToken.None);
        Assert.Equal(ConnectorStatus.NeedsReauth, connector!.Status);
        Assert.NotNull(second);
        Assert.NotNull(third);
    }

    [Fact]
    public async Task KilledBeforeReachingZoom_RestartRefreshesAndWorks()
    {
        await using var harness = await StoredZoomHarness.StartAsync(ShortLease);
        var stored = (await harness.Main.StoredAsync())!;
        await DieWhileRefreshingAsync(harness, stored, reachZoom: false);

        var page = await harness.StartProcess().RunAsync(ListMeetingsAction.Name).WaitAsync(Bounded);

        Assert.NotNull(page["meetings"]);
        Assert.Equal(1, harness.Server.TokenRequests("refresh_token"));
        var after = (await harness.Main.StoredAsync())!;
        Assert.True(harness.Server.IsLiveRefreshToken(after.Tokens.RefreshToken!));
    }

    /// <summary>
    /// What a process killed mid-refresh leaves behind: the refresh lease it took (never released) and, when it got as far
    /// as Zoom, a refresh token Zoom has already rotated away — the new one lost with the process.
    /// </summary>
    private static async Task DieWhileRefreshingAsync(StoredZoomHarness harness, StoredCredential stored, bool reachZoom)
    {
        var lease = await harness.Main.Credentials.TryAcquireRefreshLeaseAsync(
            harness.Workspace.Id, harness.ConnectorId, stored.Version, "dead-process", ShortLease.LeaseDuration, CancellationToken.None);
        Assert.Equal(RefreshLeaseStatus.Acquired, lease.Status);
        if (reachZoom)
        {
            using var http = harness.CreateHttpClient();
            var answer = await new ZoomTokenClient(http, harness.Server.TokenUrl, harness.Time).RefreshAsync(harness.Client, stored.Tokens, CancellationToken.None);
            Assert.NotEqual(stored.Tokens.RefreshToken, answer.RefreshToken); // ... and the process dies here, before SaveRefreshedTokensAsync
        }
    }
}
