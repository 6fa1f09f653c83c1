using System.Text.Json.Nodes;
using Connectors.Mcp.Sandbox.Google;

namespace Connectors.Mcp.Tests.EndToEnd;

/// <summary>
/// Gmail's own limit (403 usageLimits, the fake answering like Google) reaches the agent through the real server in the
/// same words as our own limit, and is audited rate_limited.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class UpstreamRateLimitTests(TwoWorkspaceHttpFixture fixture) : IClassFixture<TwoWorkspaceHttpFixture>
{
    [Fact]
    public async Task GmailQuotaExceeded_IsRateLimitedRetryAfter_AndAuditedRateLimited()
    {
        await using var client = await fixture.Server.ConnectAsync(fixture.AcmeKey);
        fixture.Installation.Google.InjectFault(FakeGoogleEndpoints.MessagesList, new FakeFault(403, TimeSpan.FromSeconds(7), Reason: "dailyLimitExceeded"));

        var text = (await client.CallAsync("gmail_search_inbox", new JsonObject { ["query"] = "is:unread" })).AssertError();

        Assert.Matches(@"^gmail_search_inbox: Rate limited: Gmail rate limit reached \(.+\)\. Retry after 7 s; nothing was done\.$", text);
        var (rows, _) = await fixture.Installation.AuditAsync("acme");
        Assert.Equal(("gmail_search_inbox", "rate_limited", "rate_limited"), ((string)rows[0]["tool"]!, (string)rows[0]["status"]!, (string)rows[0]["error_code"]!));
    }
}
