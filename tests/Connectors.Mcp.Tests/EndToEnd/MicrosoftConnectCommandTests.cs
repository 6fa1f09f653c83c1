using System.Net;
using Connectors.Mcp.Microsoft.Mail;
using Connectors.Mcp.Sandbox.Microsoft;

namespace Connectors.Mcp.Tests.EndToEnd;

/// <summary>
/// <c>connector connect</c> for an Outlook connector, end to end against the fake identity platform, which answers
/// the way the real one does: granted Graph permissions listed without their resource prefix and never
/// <c>offline_access</c>. The real CLI prints the consent URL, the test plays the browser, the CLI redeems the code
/// with PKCE and stores the tokens; then the stdio server reads mail with them.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class MicrosoftConnectCommandTests : IAsyncLifetime
{
    private const string Workspace = "acme";
    private readonly OAuthBrowser _browser = new();
    private readonly FakeMicrosoftServer _microsoft = new();
    private Installation _installation = null!;

    public async Task InitializeAsync()
    {
        await _microsoft.StartAsync().WaitAsync(Bounded.Startup);
        _installation = await Installation.CreateAsync();
        await _installation.CreateWorkspaceAsync(Workspace);
        await _installation.Cli.RunOkAsync("oauth-client", "set", "microsoft", "--client-id", FakeMicrosoftServer.SandboxClientId, "--client-secret", FakeMicrosoftServer.SandboxClientSecret);
    }

    public async Task DisposeAsync()
    {
        _browser.Dispose();
        await _installation.DisposeAsync();
        await _microsoft.DisposeAsync();
    }

    [Fact]
    public async Task Connect_Outlook_AsksForTheTypesScopesWithPkce_StoresTheRotatingGrant_AndMailWorks()
    {
        var add = await _installation.Cli.RunOkAsync("connector", "add", Workspace, "outlook_mail", "--name", "outlook",
            "--setting", $"api_base_url={_microsoft.GraphBaseUrl}",
            "--setting", $"token_url={_microsoft.TokenUrl}",
            "--setting", $"auth_url={_microsoft.AuthUrl}");
        var connectorId = add.Stdout.Trim();
        await using var run = ConnectCommandRun.Start(_installation, connectorId);

        var authorizationUrl = await run.AuthorizationUrlAsync();
        var callback = await _browser.ConsentAsync(authorizationUrl);
        var (status, page) = await _browser.ReturnAsync(callback);
        var result = await run.ResultAsync();

        Assert.StartsWith(_microsoft.AuthUrl.AbsoluteUri + "?", authorizationUrl.AbsoluteUri);
        Assert.Equal(string.Join(' ', new OutlookMailConnectorType().Scopes), OAuthBrowser.Param(authorizationUrl, "scope"));
        Assert.Contains("offline_access", OAuthBrowser.Param(authorizationUrl, "scope"));
        Assert.Equal("select_account", OAuthBrowser.Param(authorizationUrl, "prompt"));
        Assert.Equal("S256", OAuthBrowser.Param(authorizationUrl, "code_challenge_method"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Connected outlook", page);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("active", await _installation.StatusAsync(Workspace, connectorId));

        var tokens = await _installation.StoredTokensAsync(connectorId);
        Assert.NotNull(tokens?.RefreshToken);
        Assert.True(_microsoft.IsLiveRefreshToken(tokens!.RefreshToken!));
        Assert.False(_installation.DatabaseFilesContain(tokens.RefreshToken!));
        Assert.DoesNotContain(tokens.RefreshToken!, result.Stdout + result.Stderr);

        // The stored grant reads mail (tools are prefixed with the connector name), and a forced refresh rotates it: the stored refresh token is the new one.
        await using var server = await StdioServer.StartAsync(_installation.Home, Workspace);
        (await server.Client.CallAsync("outlook_list_folders", "{}")).AssertSuccess();
        _microsoft.ExpireAccessTokens();
        (await server.Client.CallAsync("outlook_list_folders", "{}")).AssertSuccess();
        var rotated = await _installation.StoredTokensAsync(connectorId);
        Assert.NotEqual(tokens.RefreshToken, rotated!.RefreshToken);
        Assert.False(_microsoft.IsLiveRefreshToken(tokens.RefreshToken!));
        Assert.True(_microsoft.IsLiveRefreshToken(rotated.RefreshToken!));
    }

    [Fact]
    public async Task Connect_MalformedTenant_IsRefusedByName_BeforeAnyBrowserStep()
    {
        var add = await _installation.Cli.RunOkAsync("connector", "add", Workspace, "outlook_mail", "--name", "outlook",
            "--setting", "tenant=contoso/../evil");
        var connectorId = add.Stdout.Trim();
        var authorizeRequests = _microsoft.RequestCount(FakeMicrosoftEndpoints.Authorize);

        var result = await _installation.Cli.RunAsync("connector", "connect", connectorId, "--no-browser");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Setting 'tenant'", result.Stderr);
        Assert.Equal(authorizeRequests, _microsoft.RequestCount(FakeMicrosoftEndpoints.Authorize));
    }
}
