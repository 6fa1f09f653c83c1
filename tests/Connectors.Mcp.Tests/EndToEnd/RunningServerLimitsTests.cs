using System.Text.Json.Nodes;

namespace Connectors.Mcp.Tests.EndToEnd;

/// <summary>
/// <c>workspace set-limits</c> run while the server runs (another process on the same database) applies to the next
/// call of that workspace only: the other workspace keeps its plan's limits.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class RunningServerLimitsTests(TwoWorkspaceHttpFixture fixture) : IClassFixture<TwoWorkspaceHttpFixture>
{
    [Fact]
    public async Task SetLimitsWhileServing_AppliesAtOnce_ToThatWorkspaceOnly()
    {
        await using var acme = await fixture.Server.ConnectAsync(fixture.AcmeKey);
        await using var globex = await fixture.Server.ConnectAsync(fixture.GlobexKey);
        (await acme.CallAsync("gmail_search_inbox", new JsonObject { ["query"] = "is:unread" })).AssertSuccess();

        await fixture.Installation.Cli.RunOkAsync("workspace", "set-limits", "acme", "--connector-calls-per-minute", "1");

        // The bucket for the new figure starts full (1 token): one call runs, the next is refused.
        (await acme.CallAsync("gmail_search_inbox", new JsonObject { ["query"] = "is:unread" })).AssertSuccess();
        var refused = (await acme.CallAsync("gmail_search_inbox", new JsonObject { ["query"] = "is:unread" })).AssertError();
        Assert.Matches(@"^Rate limited: connector 'gmail' of workspace 'acme' is limited to 1 calls per minute\. Retry after \d+ s; nothing was done\.$", refused);
        for (var i = 0; i < 5; i++)
        {
            (await globex.CallAsync("globex_mail_search_inbox", new JsonObject { ["query"] = "is:unread" })).AssertSuccess();
        }

        var (rows, _) = await fixture.Installation.AuditAsync("acme");
        Assert.Equal("rate_limited", (string)rows[0]["status"]!);
        await fixture.Installation.Cli.RunOkAsync("workspace", "set-limits", "acme", "--reset");
        (await acme.CallAsync("gmail_search_inbox", new JsonObject { ["query"] = "is:unread" })).AssertSuccess();
    }
}
