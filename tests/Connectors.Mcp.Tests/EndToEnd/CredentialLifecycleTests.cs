using System.Text.Json.Nodes;
using Connectors.Mcp.Sandbox.Google;
using Connectors.Mcp.Tests.Commands;

namespace Connectors.Mcp.Tests.EndToEnd;

/// <summary>
/// The credential lifecycle across real processes: two <c>serve --stdio</c> children refreshing one expired token at
/// the same moment, a rotated refresh token that a fresh process can still use, and <c>connector disconnect</c> with its
/// effect on <c>connector list</c>, <c>list_connectors</c> and the connector's tools. Each test has its own home and fake.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class CredentialLifecycleTests
{
    private const string Workspace = "acme";
    private const string SearchOne = """{"max_results":1}""";

    [Fact]
    public async Task TwoServerProcesses_CallingAtOnceWithAnExpiringToken_CauseExactlyOneTokenRequest()
    {
        // A slow token endpoint, so the second process certainly asks while the first one's refresh is in flight.
        await using var installation = await Installation.CreateAsync(new FakeGoogleServerOptions { TokenResponseDelay = TimeSpan.FromSeconds(3) });
        await installation.CreateWorkspaceAsync(Workspace);
        var connector = await installation.AddGmailAsync(Workspace);
        await ExpiringSoonAsync(installation, connector);
        var servers = await Task.WhenAll(StdioServer.StartAsync(installation.Home, Workspace), StdioServer.StartAsync(installation.Home, Workspace));
        await using var first = servers[0];
        await using var second = servers[1];
        await Task.WhenAll(first.Client.CallAsync("list_connectors"), second.Client.CallAsync("list_connectors")); // warm both up

        var results = await Task.WhenAll(
            first.Client.CallAsync(connector.Tool("search_inbox"), SearchOne),
            second.Client.CallAsync(connector.Tool("search_inbox"), SearchOne));

        Assert.All(results, r => r.AssertSuccess());
        Assert.Equal(1, installation.Google.TokenRequestCount);
        Assert.NotEqual(connector.Grant.AccessToken, (await installation.StoredTokensAsync(connector.ConnectorId))!.AccessToken);

        // One of them found the other's lease and waited for its result instead of asking Google.
        var waited = first.Log.Lines.Concat(second.Log.Lines).Where(l => l.Contains("another process is refreshing", StringComparison.Ordinal)).ToList();
        Assert.True(waited.Count >= 1, $"neither server waited for the other's refresh:\n{first.Log.Text}\n---\n{second.Log.Text}");
    }

    [Fact]
    public async Task RotatedRefreshToken_IsStoredBeforeUse_AndAFreshServerProcessRefreshesWithIt()
    {
        await using var installation = await Installation.CreateAsync(new FakeGoogleServerOptions { RotateRefreshTokens = true });
        await installation.CreateWorkspaceAsync(Workspace);
        var connector = await installation.AddGmailAsync(Workspace);
        await ExpiringSoonAsync(installation, connector);

        await using (var server = await StdioServer.StartAsync(installation.Home, Workspace))
        {
            (await server.Client.CallAsync(connector.Tool("search_inbox"), SearchOne)).AssertSuccess();
        }

        var afterFirst = (await installation.StoredTokensAsync(connector.ConnectorId))!;
        Assert.Equal(1, installation.Google.TokenRequestCount);
        Assert.NotEqual(connector.Grant.RefreshToken, afterFirst.RefreshToken);
        Assert.False(installation.Google.IsLiveRefreshToken(connector.Grant.RefreshToken), "the old refresh token is dead at Google");
        Assert.True(installation.Google.IsLiveRefreshToken(afterFirst.RefreshToken!));

        // A new process, with nothing but the database: Google rejects the access token, the stored (rotated) refresh
        // token gets a new one.
        installation.Google.ExpireAccessTokens();
        await using (var fresh = await StdioServer.StartAsync(installation.Home, Workspace))
        {
            (await fresh.Client.CallAsync(connector.Tool("search_inbox"), SearchOne)).AssertSuccess();
        }

        Assert.Equal(2, installation.Google.TokenRequestCount);
        var afterSecond = (await installation.StoredTokensAsync(connector.ConnectorId))!;
        Assert.NotEqual(afterFirst.RefreshToken, afterSecond.RefreshToken);
        Assert.True(installation.Google.IsLiveRefreshToken(afterSecond.RefreshToken!));
    }

    [Fact]
    public async Task Disconnect_RevokesAtGoogle_DeletesTheTokens_AndEveryToolSaysHowToReconnect()
    {
        await using var installation = await Installation.CreateAsync();
        await installation.CreateWorkspaceAsync(Workspace);
        var connector = await installation.AddGmailAsync(Workspace);
        await using var server = await StdioServer.StartAsync(installation.Home, Workspace);
        var tools = (await server.Client.ListToolsRawAsync()).ToDictionary(t => t.Name);
        (await server.Client.CallAsync(connector.Tool("search_inbox"), SearchOne)).AssertSuccess();

        var disconnect = await installation.Cli.RunOkAsync("connector", "disconnect", connector.ConnectorId);

        Assert.Contains("grant revoked at the provider", disconnect.Stdout);
        Assert.Contains($"connector connect {connector.ConnectorId}", disconnect.Stderr);
        Assert.DoesNotContain(connector.Grant.RefreshToken, disconnect.Stdout + disconnect.Stderr);
        Assert.Equal(1, installation.Google.RequestCount(FakeGoogleEndpoints.Revoke));
        Assert.False(installation.Google.IsLiveRefreshToken(connector.Grant.RefreshToken));
        Assert.Null(await installation.StoredTokensAsync(connector.ConnectorId));

        var listed = CliHarness.JsonLines(await installation.Cli.RunOkAsync("connector", "list", Workspace, "--json")).Single(c => (string?)c["id"] == connector.ConnectorId);
        Assert.Equal("needs_reauth", (string)listed["status"]!);
        Assert.Equal("revoked", (string)listed["credential_state"]!);

        var connectors = (await server.Client.CallAsync("list_connectors")).AssertSuccess();
        OutputSchemaAssert.Valid(tools["list_connectors"], connectors);
        var entry = connectors.Structured()["connectors"]!.AsArray().Single(c => (string?)c!["id"] == connector.ConnectorId)!;
        Assert.Equal("needs_reauth", (string)entry["status"]!);
        Assert.Equal("revoked", (string)entry["credential_state"]!);

        var tokenRequests = installation.Google.TokenRequestCount;
        var text = (await server.Client.CallAsync(connector.Tool("search_inbox"), SearchOne)).AssertError();
        Assert.Contains("was disconnected", text);
        Assert.Contains(connector.ConnectorId, text);
        Assert.Contains($"connectors-mcp connector connect {connector.ConnectorId}", text);
        Assert.Equal(tokenRequests, installation.Google.TokenRequestCount);
    }

    [Fact]
    public async Task Disconnect_WhenGoogleDoesNotAnswer_StillDeletesLocally_AndSaysSo()
    {
        await using var installation = await Installation.CreateAsync();
        await installation.CreateWorkspaceAsync(Workspace);
        var connector = await installation.AddGmailAsync(Workspace);
        installation.Google.InjectFault(FakeGoogleEndpoints.Revoke, FakeFault.Unavailable());

        var disconnect = await installation.Cli.RunOkAsync("connector", "disconnect", connector.ConnectorId);

        Assert.Contains("did NOT confirm", disconnect.Stdout);
        Assert.Contains("503", disconnect.Stderr);
        Assert.Contains("https://myaccount.google.com/permissions", disconnect.Stderr);
        Assert.Null(await installation.StoredTokensAsync(connector.ConnectorId));
        Assert.True(installation.Google.IsLiveRefreshToken(connector.Grant.RefreshToken), "Google never got the revocation");
        var listed = CliHarness.JsonLines(await installation.Cli.RunOkAsync("connector", "list", Workspace, "--json")).Single();
        Assert.Equal("revoked", (string)listed["credential_state"]!);
        Assert.Equal("needs_reauth", (string)listed["status"]!);
    }

    /// <summary>Stores the connector's tokens again with a one-minute lifetime: inside the 5-minute skew, so the next call refreshes first.</summary>
    private static Task ExpiringSoonAsync(Installation installation, GmailConnectorSetup connector) =>
        installation.Cli.RunOkAsync("connector", "set-token", connector.ConnectorId,
            "--access-token", connector.Grant.AccessToken, "--refresh-token", connector.Grant.RefreshToken, "--expires-in", "60");
}
