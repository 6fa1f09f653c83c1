using System.Net;
using Connectors.Mcp.Sandbox.Zoom;

namespace Connectors.Mcp.Tests.EndToEnd;

/// <summary>
/// <c>connector connect</c> for a Zoom connector, end to end against the fake Zoom, whose token endpoint (like Zoom's)
/// accepts the client only by HTTP Basic and rotates the refresh token on every refresh. The real CLI prints the consent
/// URL, the test plays the browser, the CLI redeems the code with PKCE and stores the grant; then the stdio server lists
/// and creates meetings with it, and a forced refresh commits the rotated token.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ZoomConnectCommandTests : IAsyncLifetime
{
    private const string Workspace = "acme";
    private readonly OAuthBrowser _browser = new();
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
        _browser.Dispose();
        await _installation.DisposeAsync();
        await _zoom.DisposeAsync();
    }

    [Fact]
    public async Task Connect_Zoom_WithPkceAndBasicClientAuth_StoresTheRotatingGrant_AndMeetingsWork()
    {
        var add = await _installation.Cli.RunOkAsync("connector", "add", Workspace, "zoom",
            "--setting", $"api_base_url={_zoom.ApiBaseUrl}",
            "--setting", $"token_url={_zoom.TokenUrl}",
            "--setting", $"auth_url={_zoom.AuthUrl}");
        var connectorId = add.Stdout.Trim();
        await using var run = ConnectCommandRun.Start(_installation, connectorId);

        var authorizationUrl = await run.AuthorizationUrlAsync();
        var callback = await _browser.ConsentAsync(authorizationUrl);
        var (status, page) = await _browser.ReturnAsync(callback);
        var result = await run.ResultAsync();

        Assert.StartsWith(_zoom.AuthUrl.AbsoluteUri + "?", authorizationUrl.AbsoluteUri);
        Assert.Equal("S256", OAuthBrowser.Param(authorizationUrl, "code_challenge_method"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Connected zoom", page);
        Assert.Equal("active", await _installation.StatusAsync(Workspace, connectorId));
        Assert.Equal(1, _zoom.TokenRequests("authorization_code"));

        var tokens = await _installation.StoredTokensAsync(connectorId);
        Assert.NotNull(tokens?.RefreshToken);
        Assert.True(_zoom.IsLiveRefreshToken(tokens!.RefreshToken!));
        Assert.False(_installation.DatabaseFilesContain(tokens.RefreshToken!));
        Assert.DoesNotContain(tokens.RefreshToken!, result.Stdout + result.Stderr);

        await using var server = await StdioServer.StartAsync(_installation.Home, Workspace);
        (await server.Client.CallAsync("zoom_list_meetings", "{}")).AssertSuccess();
        _zoom.ExpireAccessTokens();
        (await server.Client.CallAsync("zoom_list_meetings", """{"type":"scheduled"}""")).AssertSuccess();
        var rotated = await _installation.StoredTokensAsync(connectorId);
        Assert.NotEqual(tokens.RefreshToken, rotated!.RefreshToken);
        Assert.False(_zoom.IsLiveRefreshToken(tokens.RefreshToken!));
        Assert.True(_zoom.IsLiveRefreshToken(rotated.RefreshToken!));
        Assert.Equal(1, _zoom.TokenRequests("refresh_token"));
    }
}
