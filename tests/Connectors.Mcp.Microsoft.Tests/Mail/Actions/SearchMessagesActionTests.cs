using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Microsoft.Mail.Actions;
using Connectors.Mcp.Microsoft.Tests.TestSupport;
using Connectors.Mcp.Sandbox.Microsoft;

namespace Connectors.Mcp.Microsoft.Tests.Mail.Actions;

public sealed class SearchMessagesActionTests
{
    [Fact]
    public async Task Search_KqlQuery_FindsMatchingMessagesOnly()
    {
        await using var harness = await OutlookHarness.StartAsync();

        var result = await harness.RunAsync(SearchMessagesAction.Name, new JsonObject { ["query"] = "from:alice@example.com budget" });

        SchemaAssert.MatchesOutputSchema(harness.Action(SearchMessagesAction.Name), result);
        var message = Assert.Single(result["messages"]!.AsArray())!;
        Assert.Equal("Q3 budget review", (string?)message["subject"]);
        Assert.Equal("Alice Example <alice@example.com>", (string?)message["from"]);
        Assert.False((bool)message["is_read"]!);
    }

    [Fact]
    public async Task Search_QuotedPhrase_IsEscapedIntoTheSearchString()
    {
        await using var harness = await OutlookHarness.StartAsync();

        var result = await harness.RunAsync(SearchMessagesAction.Name, new JsonObject { ["query"] = "subject:\"team offsite\"" });

        Assert.Equal("Team offsite agenda", (string?)Assert.Single(result["messages"]!.AsArray())!["subject"]);
    }

    [Fact]
    public async Task Search_FilterForm_UnreadInInboxNewestFirst()
    {
        await using var harness = await OutlookHarness.StartAsync();

        var result = await harness.RunAsync(SearchMessagesAction.Name, new JsonObject { ["folder_id"] = "inbox", ["unread_only"] = true });

        SchemaAssert.MatchesOutputSchema(harness.Action(SearchMessagesAction.Name), result);
        var subjects = result["messages"]!.AsArray().Select(m => (string?)m!["subject"]).ToList();
        Assert.Equal(["Q3 budget review", "Urgent: action required on your account"], subjects);
    }

    [Fact]
    public async Task Search_FilterForm_ReceivedRange()
    {
        await using var harness = await OutlookHarness.StartAsync();
        var now = harness.Time.GetUtcNow();

        var result = await harness.RunAsync(SearchMessagesAction.Name, new JsonObject
        {
            ["received_after"] = now.AddDays(-5).ToString("O"),
            ["received_before"] = now.AddDays(-1.5).ToString("O"),
        });

        var subjects = result["messages"]!.AsArray().Select(m => (string?)m!["subject"]).ToList();
        Assert.Equal(["Urgent: action required on your account", "Invoice 2041 for October"], subjects);
    }

    [Fact]
    public void Parse_QueryWithFilters_IsRefusedBeforeAnyRequest()
    {
        var action = new Microsoft.Mail.OutlookMailConnectorType().Actions.Single(a => a.Name == SearchMessagesAction.Name);

        var error = Assert.Throws<ConnectorValidationException>(() => action.Parse(new JsonObject { ["query"] = "budget", ["unread_only"] = true }));

        Assert.Equal("query", error.Field);
    }

    [Fact]
    public async Task Search_Paging_WalksEveryMessageOnceThroughOpaqueTokens()
    {
        await using var harness = await OutlookHarness.StartAsync(seed: false);
        var start = harness.Time.GetUtcNow();
        for (var i = 0; i < 25; i++)
        {
            harness.Server.AddMessage(new FakeOutlookMessage($"msg-{i:00}", "x", $"conv-{i}", "Sender", "s@example.com", ["me@example.com"], $"Message {i:00}", "body", start.AddMinutes(-i), false));
        }

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var arguments = new JsonObject { ["max_results"] = 10, ["received_after"] = start.AddDays(-1).ToString("O") };
            if (token is not null)
            {
                arguments["page_token"] = token;
            }

            var result = await harness.RunAsync(SearchMessagesAction.Name, arguments);
            SchemaAssert.MatchesOutputSchema(harness.Action(SearchMessagesAction.Name), result);
            seen.AddRange(result["messages"]!.AsArray().Select(m => (string)m!["id"]!));
            token = (string?)result["next_page_token"];
            Assert.DoesNotContain("http", token ?? "", StringComparison.Ordinal);
            pages++;
        }
        while (token is not null);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"msg-{i:00}"), seen);
    }

    [Fact]
    public async Task Search_PageTokenForAnotherHost_IsRefusedWithoutSendingTheToken()
    {
        await using var harness = await OutlookHarness.StartAsync();
        var foreign = Convert.ToBase64String("https://attacker.example/v1.0/me/messages?$skip=10"u8.ToArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        var error = await Assert.ThrowsAsync<ConnectorValidationException>(() =>
            harness.RunAsync(SearchMessagesAction.Name, new JsonObject { ["page_token"] = foreign }));

        Assert.Equal("page_token", error.Field);
        Assert.Equal(0, harness.Server.RequestCount(FakeMicrosoftEndpoints.Messages));
    }

    [Fact]
    public async Task Search_Throttled_IsRateLimitedWithRetryAfter()
    {
        await using var harness = await OutlookHarness.StartAsync();
        harness.Server.InjectFault(FakeMicrosoftEndpoints.Messages, FakeGraphFault.Throttled(TimeSpan.FromSeconds(30)));

        var error = await Assert.ThrowsAsync<RateLimitedException>(() =>
            harness.RunAsync(SearchMessagesAction.Name, new JsonObject { ["query"] = "budget" }));

        Assert.Equal(TimeSpan.FromSeconds(30), error.RetryAfter);
        Assert.Contains("TooManyRequests", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, harness.Server.RequestCount(FakeMicrosoftEndpoints.Messages)); // longer than the pipeline waits: not retried
    }

    [Fact]
    public async Task Search_ThrottledWithAnHttpDate_IsRateLimitedUntilThatDate_ByTheConnectorsClock()
    {
        await using var harness = await OutlookHarness.StartAsync();
        var until = harness.Time.GetUtcNow().AddSeconds(90);
        harness.Server.InjectFault(FakeMicrosoftEndpoints.Messages, FakeGraphFault.ThrottledUntil(until));

        var error = await Assert.ThrowsAsync<RateLimitedException>(() =>
            harness.RunAsync(SearchMessagesAction.Name, new JsonObject { ["query"] = "budget" }));

        // The header has whole seconds: 89 < wait <= 90.
        Assert.InRange(error.RetryAfter!.Value, TimeSpan.FromSeconds(89), TimeSpan.FromSeconds(90));
        Assert.Contains("Retry after 90 seconds", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, harness.Server.RequestCount(FakeMicrosoftEndpoints.Messages));
    }

    [Fact]
    public async Task Search_UnknownFolder_IsNotFound()
    {
        await using var harness = await OutlookHarness.StartAsync();

        await Assert.ThrowsAsync<ResourceNotFoundException>(() =>
            harness.RunAsync(SearchMessagesAction.Name, new JsonObject { ["folder_id"] = "AAMk-no-such-folder" }));
    }
}
