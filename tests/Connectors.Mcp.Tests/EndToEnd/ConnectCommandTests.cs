using System.Net;
using Connectors.Mcp.Sandbox.Google;

namespace Connectors.Mcp.Tests.EndToEnd;

/// <summary>
/// <c>connector connect</c> end to end: the real CLI listens on loopback and prints the consent URL; the test plays the
/// browser against the fake Google (which approves without a page) and is redirected to the CLI's listener; the CLI
/// exchanges the code with PKCE and stores the tokens. Then the server uses them.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ConnectCommandTests : IAsyncLifetime
{
    private const string Workspace = "acme";
    private readonly OAuthBrowser _browser = new();
    private Installation _installation = null!;

    public async Task InitializeAsync()
    {
        _installation = await Installation.CreateAsync();
        await _installation.CreateWorkspaceAsync(Workspace);
    }

    public async Task DisposeAsync()
    {
        _browser.Dispose();
        await _installation.DisposeAsync();
    }

    [Fact]
    public async Task Connect_ThroughTheBrowser_StoresEncryptedTokens_MakesTheConnectorActive_AndGmailWorks()
    {
        var connectorId = await _installation.AddUnconnectedGmailAsync(Workspace, "gmail");
        Assert.Equal("needs_reauth", await _installation.StatusAsync(Workspace, connectorId));
        await using var run = ConnectCommandRun.Start(_installation, connectorId);

        var authorizationUrl = await run.AuthorizationUrlAsync();
        var callback = await _browser.ConsentAsync(authorizationUrl);
        var (status, page) = await _browser.ReturnAsync(callback);
        var result = await run.ResultAsync();

        // The request the CLI sent the browser with.
        Assert.StartsWith(_installation.Google.AuthUrl.AbsoluteUri + "?", authorizationUrl.AbsoluteUri);
        var redirectUri = new Uri(OAuthBrowser.Param(authorizationUrl, "redirect_uri")!);
        Assert.Equal("127.0.0.1", redirectUri.Host);
        Assert.Equal("/callback", redirectUri.AbsolutePath);
        Assert.Equal("S256", OAuthBrowser.Param(authorizationUrl, "code_challenge_method"));
        Assert.Equal("offline", OAuthBrowser.Param(authorizationUrl, "access_type"));
        Assert.Equal("consent", OAuthBrowser.Param(authorizationUrl, "prompt"));
        Assert.Equal("https://www.googleapis.com/auth/gmail.modify", OAuthBrowser.Param(authorizationUrl, "scope"));
        Assert.StartsWith(redirectUri.AbsoluteUri + "?code=", callback.AbsoluteUri);

        // The browser's page, and the command's one line on stdout.
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Connected gmail", page);
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($"Connected gmail ({connectorId}).", Assert.Single(result.StdoutLines));

        // Tokens stored encrypted, the connector active.
        var tokens = await _installation.StoredTokensAsync(connectorId);
        Assert.NotNull(tokens);
        Assert.StartsWith("1//", tokens!.RefreshToken);
        Assert.True(tokens.ExpiresAt > DateTimeOffset.UtcNow.AddMinutes(30));
        Assert.False(_installation.DatabaseFilesContain(tokens.AccessToken));
        Assert.False(_installation.DatabaseFilesContain(tokens.RefreshToken!));
        Assert.DoesNotContain(tokens.AccessToken, result.Stdout + result.Stderr);
        Assert.DoesNotContain(tokens.RefreshToken!, result.Stdout + result.Stderr);
        Assert.DoesNotContain(FakeGoogleServer.SandboxClientSecret, result.Stdout + result.Stderr + authorizationUrl);
        Assert.Equal("active", await _installation.StatusAsync(Workspace, connectorId));

        // The server uses them.
        await using var server = await StdioServer.StartAsync(_installation.Home, Workspace);
        var search = (await server.Client.CallAsync("gmail_search_inbox", """{"max_results":1}""")).AssertSuccess();
        Assert.Single(search.Structured()["messages"]!.AsArray());
    }

    [Fact]
    public async Task Connect_RedirectWithAnotherState_IsRefusedByTheListener_WhichKeepsWaitingForItsOwn()
    {
        var connectorId = await _installation.AddUnconnectedGmailAsync(Workspace, "gmail");
        await using var run = ConnectCommandRun.Start(_installation, connectorId);
        var callback = await _browser.ConsentAsync(await run.AuthorizationUrlAsync());
        var forged = new Uri(callback.GetLeftPart(UriPartial.Path) + "?code=4/attacker-code&state=someone-elses-state");

        var (forgedStatus, forgedPage) = await _browser.ReturnAsync(forged);
        var (status, _) = await _browser.ReturnAsync(callback);
        var result = await run.ResultAsync();

        Assert.Equal(HttpStatusCode.BadRequest, forgedStatus);
        Assert.Contains("does not belong", forgedPage);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task Connect_PersonDeclines_NothingStored_ExitsRefusedWithWhatToDo()
    {
        var connectorId = await _installation.AddUnconnectedGmailAsync(Workspace, "gmail");
        _installation.Google.DenyConsent = true;
        var tokenRequests = _installation.Google.TokenRequestCount;
        await using var run = ConnectCommandRun.Start(_installation, connectorId);

        var callback = await _browser.ConsentAsync(await run.AuthorizationUrlAsync());
        var (status, page) = await _browser.ReturnAsync(callback);
        var result = await run.ResultAsync();

        Assert.Equal("access_denied", OAuthBrowser.Param(callback, "error"));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("not granted", page);
        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.Contains("not granted (access_denied)", result.Stderr);
        Assert.Contains($"connectors-mcp connector connect {connectorId}", result.Stderr);
        Assert.Equal(tokenRequests, _installation.Google.TokenRequestCount);
        Assert.Null(await _installation.StoredTokensAsync(connectorId));
        Assert.Equal("needs_reauth", await _installation.StatusAsync(Workspace, connectorId));
    }

    [Fact]
    public async Task Connect_ScopeLeftUnticked_NothingStored()
    {
        var connectorId = await _installation.AddUnconnectedGmailAsync(Workspace, "gmail");
        _installation.Google.WithheldScopes = ["https://www.googleapis.com/auth/gmail.modify"];
        await using var run = ConnectCommandRun.Start(_installation, connectorId);

        var (status, _) = await _browser.ReturnAsync(await _browser.ConsentAsync(await run.AuthorizationUrlAsync()));
        var result = await run.ResultAsync();

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("fewer permissions", result.Stderr);
        Assert.Null(await _installation.StoredTokensAsync(connectorId));
    }

    [Fact]
    public async Task Connect_NoRedirectInTime_TimesOutAndStoresNothing()
    {
        var connectorId = await _installation.AddUnconnectedGmailAsync(Workspace, "gmail");
        await using var run = ConnectCommandRun.Start(_installation, connectorId, "--timeout", "1");

        await run.AuthorizationUrlAsync();
        var result = await run.ResultAsync();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("No redirect arrived within 1 s", result.Stderr);
        Assert.Null(await _installation.StoredTokensAsync(connectorId));
    }

    [Fact]
    public async Task Connect_NoOAuthClientConfigured_RefusesBeforeListening_WithTheExactCommand()
    {
        var add = await _installation.Cli.RunOkAsync("connector", "add", Workspace, "gmail", "--setting", $"auth_url={_installation.Google.AuthUrl}");
        var connectorId = add.Stdout.Trim();

        var result = await _installation.Cli.RunAsync("connector", "connect", connectorId, "--no-browser");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("No OAuth client is configured for google", result.Stderr);
        Assert.Contains("connectors-mcp oauth-client set google --client-id ID --client-secret -", result.Stderr);
        Assert.DoesNotContain("http", result.Stderr);
        Assert.Empty(result.Stdout);
    }
}
