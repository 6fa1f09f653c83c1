using Connectors.Mcp.Sandbox.Zoom;

namespace Connectors.Mcp.Tests.EndToEnd;

/// <summary>
/// The Zoom lockout case with a real process: the server is killed (SIGKILL) after Zoom rotated the refresh token and
/// before the answer reached it, so the rotated token was never committed and the stored one is dead. Restarted, the
/// server must not loop on the dead token: it waits out the dead process's refresh lease, asks Zoom once more, and says
/// needs_reauth — every later call says so without asking Zoom again. (Zoom.Tests' CrashDuringRefreshTests covers both
/// outcomes in-process, with a short lease.) And two live server processes on one database, both calling with an
/// expired token while Zoom is slow to answer, refresh once and both use the rotated token.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ZoomRotationProcessTests : IAsyncLifetime
{
    private const string Workspace = "acme";
    private readonly FakeZoomServer _zoom = new();
    private Installation _installation = null!;

    public async Task InitializeAsync()
    {
        await _zoom.StartAsync().WaitAsync(Bounded.Startup);
        _installation = await Installation.CreateAsync();
        await _installation.CreateWorkspaceAsync(Workspace);
        await _installation.Cli.RunOkAsync("oauth-client", "set", "zoom", "--client-id", _zoom.ClientId, "--client-secret", _zoom.ClientSecret);
    }

    public async Task DisposeAsync()
    {
        await _installation.DisposeAsync();
        await _zoom.DisposeAsync();
    }

    [Fact]
    public async Task TwoServerProcesses_OnAnExpiredToken_RefreshOnce_AndBothUseTheRotatedToken()
    {
        var (connectorId, grant) = await ConnectedZoomAsync();
        _zoom.TokenAnswerDelayAfterGrant = TimeSpan.FromSeconds(3);
        var servers = await Task.WhenAll(StdioServer.StartAsync(_installation.Home, Workspace), StdioServer.StartAsync(_installation.Home, Workspace));
        await using var first = servers[0];
        await using var second = servers[1];
        await Task.WhenAll(first.Client.CallAsync("list_connectors"), second.Client.CallAsync("list_connectors"));

        var results = await Task.WhenAll(first.Client.CallAsync("zoom_list_meetings", "{}"), second.Client.CallAsync("zoom_list_meetings", "{}"));

        Assert.All(results, r => r.AssertSuccess());
        Assert.Equal(1, _zoom.TokenRequests("refresh_token"));
        var stored = (await _installation.StoredTokensAsync(connectorId))!;
        Assert.False(_zoom.IsLiveRefreshToken(grant.RefreshToken));
        Assert.True(_zoom.IsLiveRefreshToken(stored.RefreshToken!));
    }

    [Fact]
    public async Task KilledAfterZoomRotated_BeforeTheCommit_RestartSaysNeedsReauth_AndNeverLoops()
    {
        var (connectorId, grant) = await ConnectedZoomAsync();
        _zoom.TokenAnswerDelayAfterGrant = TimeSpan.FromMinutes(5);

        await using (var first = await HttpServerProcess.StartAsync(_installation.Home, "--workspace", Workspace))
        {
            await using var client = await first.ConnectAsync(apiKey: null);
            var call = client.CallAsync("zoom_list_meetings", "{}");
            await Eventually.Until(() => !_zoom.IsLiveRefreshToken(grant.RefreshToken), "Zoom rotates the refresh token");
            await first.KillAsync();
            await Assert.ThrowsAnyAsync<Exception>(() => call);
        }

        _zoom.TokenAnswerDelayAfterGrant = TimeSpan.Zero;
        Assert.Equal(1, _zoom.TokenRequests("refresh_token"));
        await using var restarted = await HttpServerProcess.StartAsync(_installation.Home, "--workspace", Workspace);
        await using var again = await restarted.ConnectAsync(apiKey: null);

        // The dead process's lease (30 s) may still be running: a call meanwhile says "try again shortly", never a loop.
        var answers = new List<string>();
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(90);
        while (DateTimeOffset.UtcNow < deadline && !answers.Any(a => a.Contains("reconnect", StringComparison.OrdinalIgnoreCase)))
        {
            answers.Add((await again.CallAsync("zoom_list_meetings", "{}")).AssertError());
        }

        var later = (await again.CallAsync("zoom_list_meetings", "{}")).AssertError();

        Assert.Contains(answers, a => a.Contains("reconnect", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("connector connect", later, StringComparison.Ordinal);
        Assert.Equal(2, _zoom.TokenRequests("refresh_token"));
        Assert.Equal("needs_reauth", await _installation.StatusAsync(Workspace, connectorId));
    }

    /// <summary>A zoom connector pointed at the fake, with a stored grant whose access token Zoom no longer accepts.</summary>
    private async Task<(string ConnectorId, FakeZoomGrant Grant)> ConnectedZoomAsync()
    {
        var connectorId = (await _installation.Cli.RunOkAsync("connector", "add", Workspace, "zoom",
            "--setting", $"api_base_url={_zoom.ApiBaseUrl}", "--setting", $"token_url={_zoom.TokenUrl}", "--setting", $"auth_url={_zoom.AuthUrl}")).Stdout.Trim();
        var grant = _zoom.IssueTokens();
        await _installation.Cli.RunOkAsync("connector", "set-token", connectorId, "--access-token", grant.AccessToken, "--refresh-token", grant.RefreshToken, "--expires-in", "3600");
        _zoom.ExpireAccessTokens();
        return (connectorId, grant);
    }
}
