using System.Text.Json.Nodes;
using Connectors.Mcp.Tests.Commands;

namespace Connectors.Mcp.Tests.EndToEnd;

/// <summary>
/// OAuth tokens over the real stack: an expired access token is refreshed once and the new one persisted; a revoked
/// grant puts the connector in needs_reauth, the agent is told how to reconnect, and set-token brings it back.
/// Each test adds its own connector to workspace <c>acme</c> while the stdio server runs.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class TokenLifecycleTests(StdioWorkspaceFixture fixture) : IClassFixture<StdioWorkspaceFixture>
{
    private Sandbox.Google.FakeGoogleServer Google => fixture.Installation.Google;

    [Fact]
    public async Task AccessTokenExpiredAtGoogle_IsRefreshedOnce_AndTheNewTokenIsPersisted()
    {
        var connector = await fixture.Installation.AddGmailAsync(StdioWorkspaceFixture.Workspace, "refresh_mail");
        (await fixture.Client.CallAsync(connector.Tool("search_inbox"), """{"max_results":1}""")).AssertSuccess();
        var tokenRequests = Google.TokenRequestCount;

        Google.ExpireAccessTokens();
        (await fixture.Client.CallAsync(connector.Tool("search_inbox"), """{"max_results":1}""")).AssertSuccess();

        Assert.Equal(tokenRequests + 1, Google.TokenRequestCount);
        var stored = await fixture.Installation.StoredTokensAsync(connector.ConnectorId);
        Assert.NotNull(stored);
        Assert.NotEqual(connector.Grant.AccessToken, stored!.AccessToken);
        Assert.Equal(connector.Grant.RefreshToken, stored.RefreshToken);
        Assert.True(stored.ExpiresAt > DateTimeOffset.UtcNow.AddMinutes(30), $"stored expiry {stored.ExpiresAt:O}");

        // The persisted token is used from now on: no further token request.
        (await fixture.Client.CallAsync(connector.Tool("search_inbox"), """{"max_results":1}""")).AssertSuccess();
        (await fixture.Client.CallAsync(connector.Tool("list_labels"))).AssertSuccess();
        Assert.Equal(tokenRequests + 1, Google.TokenRequestCount);
    }

    [Fact]
    public async Task AccessTokenStoredAsExpired_IsRefreshedBeforeTheCall_Once()
    {
        var connector = await fixture.Installation.AddGmailAsync(StdioWorkspaceFixture.Workspace, "stale_mail");
        await fixture.Installation.Cli.RunOkAsync("connector", "set-token", connector.ConnectorId,
            "--access-token", connector.Grant.AccessToken, "--refresh-token", connector.Grant.RefreshToken, "--expires-in", "1");
        var tokenRequests = Google.TokenRequestCount;
        var gmailRequests = Google.RequestCount(Sandbox.Google.FakeGoogleEndpoints.MessagesList);

        (await fixture.Client.CallAsync(connector.Tool("search_inbox"), """{"max_results":1}""")).AssertSuccess();
        (await fixture.Client.CallAsync(connector.Tool("search_inbox"), """{"max_results":1}""")).AssertSuccess();

        Assert.Equal(tokenRequests + 1, Google.TokenRequestCount);
        Assert.Equal(gmailRequests + 2, Google.RequestCount(Sandbox.Google.FakeGoogleEndpoints.MessagesList));
        Assert.NotEqual(connector.Grant.AccessToken, (await fixture.Installation.StoredTokensAsync(connector.ConnectorId))!.AccessToken);
    }

    [Fact]
    public async Task RevokedGrant_NeedsReauth_TellsTheAgentHowToReconnect_AndSetTokenRestoresIt()
    {
        var connector = await fixture.Installation.AddGmailAsync(StdioWorkspaceFixture.Workspace, "revoked_mail");
        Assert.True(Google.RevokeGrant(connector.Grant.RefreshToken));
        Google.ExpireAccessTokens();

        var text = (await fixture.Client.CallAsync(connector.Tool("search_inbox"))).AssertError();

        Assert.Contains("'revoked_mail'", text);
        Assert.Contains(connector.ConnectorId, text);
        Assert.Contains("connectors-mcp connector set-token", text);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, "connector set-token")); // said once, not twice

        var listed = CliHarness.JsonLines(await fixture.Installation.Cli.RunOkAsync("connector", "list", StdioWorkspaceFixture.Workspace, "--json"))
            .Single(c => (string?)c["id"] == connector.ConnectorId);
        Assert.Equal("needs_reauth", (string)listed["status"]!);
        Assert.Equal("needs_reauth", (string)listed["credential_state"]!);

        var connectors = (await fixture.Client.CallAsync("list_connectors")).AssertSuccess();
        OutputSchemaAssert.Valid(fixture.Tools["list_connectors"], connectors);
        var entry = connectors.Structured()["connectors"]!.AsArray().Single(c => (string?)c!["id"] == connector.ConnectorId)!;
        Assert.Equal("needs_reauth", (string)entry["status"]!);
        Assert.Equal("needs_reauth", (string)entry["credential_state"]!);

        // The server logged it on stderr (stdout is the JSON-RPC channel), naming the connector.
        var logged = await fixture.Server.Log.WaitForLineAsync(l => l.Contains(connector.ConnectorId, StringComparison.Ordinal) && l.Contains("re-authorisation", StringComparison.Ordinal))
            .WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Contains("warn", logged, StringComparison.OrdinalIgnoreCase);

        // While it needs re-authorisation, calls fail fast without asking Google again.
        var tokenRequests = Google.TokenRequestCount;
        var again = (await fixture.Client.CallAsync(connector.Tool("search_inbox"))).AssertError();
        Assert.Contains("connectors-mcp connector set-token", again);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(again, "connector set-token"));
        Assert.Equal(tokenRequests, Google.TokenRequestCount);

        // Reconnecting with new tokens makes it active again.
        var fresh = Google.IssueTokens();
        await fixture.Installation.Cli.RunOkAsync("connector", "set-token", connector.ConnectorId, "--access-token", fresh.AccessToken, "--refresh-token", fresh.RefreshToken, "--expires-in", "3600");
        (await fixture.Client.CallAsync(connector.Tool("search_inbox"), """{"max_results":1}""")).AssertSuccess();
        var after = (await fixture.Client.CallAsync("list_connectors")).AssertSuccess().Structured()["connectors"]!.AsArray()
            .Single(c => (string?)c!["id"] == connector.ConnectorId)!;
        Assert.Equal("active", (string)after["status"]!);
        Assert.Equal("active", (string)after["credential_state"]!);
    }

    [Fact]
    public async Task RevokedGrant_OnAGatedSendApprovedLater_FailsWithoutSending()
    {
        var connector = await fixture.Installation.AddGmailAsync(StdioWorkspaceFixture.Workspace, "gated_mail");
        var subject = $"Revoked before approval {Guid.NewGuid():N}";
        var approvalId = (string)(await fixture.Client.CallAsync(connector.Tool("send_email"), new JsonObject
        {
            ["to"] = new JsonArray("someone@acme.example"),
            ["subject"] = subject,
            ["body"] = "Hello.",
        })).AssertSuccess().Structured()["approval_id"]!;
        Assert.True(Google.RevokeGrant(connector.Grant.RefreshToken));
        Google.ExpireAccessTokens();

        var approve = await fixture.Installation.Cli.RunAsync("approvals", "approve", approvalId);

        Assert.NotEqual(0, approve.ExitCode);
        Assert.Contains("set-token", approve.Stderr);
        Assert.DoesNotContain(Google.SentMessages, m => m.Message.Subject == subject);
        var report = (await fixture.Client.CallAsync("get_approval", new JsonObject { ["approval_id"] = approvalId })).AssertSuccess().Structured();
        Assert.Equal("failed", (string)report["status"]!);
    }
}
