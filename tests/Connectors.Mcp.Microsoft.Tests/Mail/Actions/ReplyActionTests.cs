using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Microsoft.Mail.Actions;
using Connectors.Mcp.Microsoft.Tests.TestSupport;
using Connectors.Mcp.Sandbox.Microsoft;

namespace Connectors.Mcp.Microsoft.Tests.Mail.Actions;

public sealed class ReplyActionTests
{
    private const string Owner = FakeMicrosoftServer.SandboxUserAddress;

    [Fact]
    public async Task Reply_GoesToTheSender_InTheSameConversation_WithTheOriginalQuoted()
    {
        await using var harness = await OutlookHarness.StartAsync();

        var result = await harness.RunAsync(ReplyAction.Name, new JsonObject { ["message_id"] = "AAMkAGI2-msg-budget", ["body"] = "Thanks, I will review it today." }, "reply-1");

        SchemaAssert.MatchesOutputSchema(harness.Action(ReplyAction.Name), result);
        var sent = Assert.Single(harness.Server.MessagesIn("sentitems"), m => m.ConversationId == "conv-budget");
        Assert.Equal(["alice@example.com"], sent.To);
        Assert.Empty(sent.Cc);
        Assert.Equal("RE: Q3 budget review", sent.Subject);
        Assert.StartsWith("Thanks, I will review it today.", sent.TextBody, StringComparison.Ordinal);
        Assert.Contains("The Q3 budget spreadsheet is ready", sent.TextBody, StringComparison.Ordinal);
        Assert.Equal("conv-budget", (string?)result["conversation_id"]);
        Assert.Equal(sent.InternetMessageId, (string?)result["internet_message_id"]);
        Assert.Empty(harness.Server.MessagesIn("drafts"));
    }

    [Fact]
    public async Task ReplyAll_GoesToTheSenderAndTheOtherRecipients_NotToTheAccountItself()
    {
        await using var harness = await OutlookHarness.StartAsync();
        harness.Server.AddMessage(new FakeOutlookMessage("AAMk-team", "AAMkAGI2-inbox", "conv-team", "Alice Example", "alice@example.com",
            [Owner, "bob@example.com"], "Team lunch", "Friday?", harness.Time.GetUtcNow(), false) { Cc = ["carol@example.com"] });

        await harness.RunAsync(ReplyAction.Name, new JsonObject { ["message_id"] = "AAMk-team", ["body"] = "Friday works.", ["reply_all"] = true }, "reply-all-1");

        var sent = Assert.Single(harness.Server.MessagesIn("sentitems"), m => m.ConversationId == "conv-team");
        Assert.Equal(["alice@example.com", "bob@example.com"], sent.To);
        Assert.Equal(["carol@example.com"], sent.Cc);
    }

    [Fact]
    public async Task Reply_ToAMessageThatIsGone_IsNotFound_AndNothingIsSent()
    {
        await using var harness = await OutlookHarness.StartAsync();
        var before = harness.Server.MessagesIn("sentitems").Count;

        var error = await Assert.ThrowsAsync<ResourceNotFoundException>(() =>
            harness.RunAsync(ReplyAction.Name, new JsonObject { ["message_id"] = "AAMk-gone", ["body"] = "Hi" }, "reply-2"));

        Assert.Contains("ErrorItemNotFound", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, harness.Server.MessagesIn("sentitems").Count);
        Assert.Equal(0, harness.Server.RequestCount(FakeMicrosoftEndpoints.SendMessage));
    }
}
