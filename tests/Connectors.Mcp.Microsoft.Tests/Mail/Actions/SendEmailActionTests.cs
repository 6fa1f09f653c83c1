using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Microsoft.Mail.Actions;
using Connectors.Mcp.Microsoft.Tests.TestSupport;
using Connectors.Mcp.Sandbox.Microsoft;

namespace Connectors.Mcp.Microsoft.Tests.Mail.Actions;

public sealed class SendEmailActionTests
{
    private static JsonObject Email(params string[] to) => new()
    {
        ["to"] = new JsonArray(to.Select(a => (JsonNode?)a).ToArray()),
        ["cc"] = new JsonArray("carol@example.com"),
        ["subject"] = "Quarterly numbers",
        ["body"] = "Hi Bob,\nthe numbers are attached.",
    };

    [Fact]
    public async Task Send_CreatesADraftWithTheKeysMessageId_ThenSendsIt_IntoSentItems()
    {
        await using var harness = await OutlookHarness.StartAsync();

        var result = await harness.RunAsync(SendEmailAction.Name, Email("bob@example.com"), "order-42");

        SchemaAssert.MatchesOutputSchema(harness.Action(SendEmailAction.Name), result);
        var sent = Assert.Single(harness.Server.MessagesIn("sentitems"), m => m.Subject == "Quarterly numbers");
        Assert.False(sent.IsDraft);
        Assert.Equal(["bob@example.com"], sent.To);
        Assert.Equal(["carol@example.com"], sent.Cc);
        Assert.Equal("Hi Bob,\nthe numbers are attached.", sent.TextBody);
        Assert.Equal("sent", (string?)result["status"]);
        Assert.Matches("^<[0-9a-f]{40}@connectors-mcp\\.local>$", (string)result["internet_message_id"]!);
        Assert.Equal(sent.InternetMessageId, (string?)result["internet_message_id"]);
        Assert.Equal(sent.ConversationId, (string?)result["conversation_id"]);
        Assert.Empty(harness.Server.MessagesIn("drafts"));
        Assert.Equal(1, harness.Server.RequestCount(FakeMicrosoftEndpoints.CreateMessage));
        Assert.Equal(1, harness.Server.RequestCount(FakeMicrosoftEndpoints.SendMessage));
    }

    [Fact]
    public async Task Send_HtmlBody_IsTheMessageBody()
    {
        await using var harness = await OutlookHarness.StartAsync();
        var email = Email("bob@example.com");
        email["html_body"] = "<p>Hi <b>Bob</b></p>";

        await harness.RunAsync(SendEmailAction.Name, email, "html-1");

        Assert.Equal("<p>Hi <b>Bob</b></p>", Assert.Single(harness.Server.MessagesIn("sentitems"), m => m.Subject == "Quarterly numbers").Html);
    }

    [Fact]
    public async Task Send_TheSameKeyAgain_FindsTheSentMessage_AndSendsNothing()
    {
        await using var harness = await OutlookHarness.StartAsync();

        var first = await harness.RunAsync(SendEmailAction.Name, Email("bob@example.com"), "order-42");
        var again = await harness.RunAsync(SendEmailAction.Name, Email("bob@example.com"), "order-42");
        var other = await harness.RunAsync(SendEmailAction.Name, Email("bob@example.com"), "order-43");

        Assert.True(JsonNode.DeepEquals(first, again));
        Assert.NotEqual((string?)first["internet_message_id"], (string?)other["internet_message_id"]);
        Assert.Equal(2, harness.Server.MessagesIn("sentitems").Count(m => m.Subject == "Quarterly numbers"));
        Assert.Equal(2, harness.Server.RequestCount(FakeMicrosoftEndpoints.SendMessage));
    }

    [Fact]
    public async Task Send_RecipientGraphRefuses_IsAProviderErrorWithGraphsCode_AndNothingIsSent()
    {
        await using var harness = await OutlookHarness.StartAsync();

        // A bare address our checks accept, in the reserved .invalid domain that Exchange cannot resolve.
        var error = await Assert.ThrowsAsync<ProviderException>(() => harness.RunAsync(SendEmailAction.Name, Email("bob@example.invalid"), "bad-1"));

        Assert.Equal(400, error.StatusCode);
        Assert.Contains("ErrorInvalidRecipients", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(harness.Server.MessagesIn("sentitems"), m => m.Subject == "Quarterly numbers");
    }

    [Fact]
    public async Task Send_Throttled_IsRateLimitedWithRetryAfter_AndTheSendIsNotRetried()
    {
        await using var harness = await OutlookHarness.StartAsync();
        harness.Server.InjectFault(FakeMicrosoftEndpoints.SendMessage, FakeGraphFault.Throttled(TimeSpan.FromSeconds(30)));

        var error = await Assert.ThrowsAsync<RateLimitedException>(() => harness.RunAsync(SendEmailAction.Name, Email("bob@example.com"), "busy-1"));

        Assert.Equal(TimeSpan.FromSeconds(30), error.RetryAfter);
        Assert.Equal(1, harness.Server.RequestCount(FakeMicrosoftEndpoints.SendMessage));
        Assert.DoesNotContain(harness.Server.MessagesIn("sentitems"), m => m.Subject == "Quarterly numbers");
    }

    [Fact]
    public async Task Send_AfterAThrottledAttempt_TheSameKeySendsTheDraftItLeft_Once()
    {
        await using var harness = await OutlookHarness.StartAsync();
        harness.Server.InjectFault(FakeMicrosoftEndpoints.SendMessage, FakeGraphFault.Throttled(TimeSpan.FromSeconds(1)));
        await Assert.ThrowsAsync<RateLimitedException>(() => harness.RunAsync(SendEmailAction.Name, Email("bob@example.com"), "k-1"));

        await harness.RunAsync(SendEmailAction.Name, Email("bob@example.com"), "k-1");

        Assert.Equal(1, harness.Server.RequestCount(FakeMicrosoftEndpoints.CreateMessage));
        Assert.Single(harness.Server.MessagesIn("sentitems"), m => m.Subject == "Quarterly numbers");
        Assert.Empty(harness.Server.MessagesIn("drafts"));
    }

    [Theory]
    [InlineData("Bob <bob@example.com>")]
    [InlineData("bob@example.com, eve@example.com")]
    [InlineData("bob@example.com\n")]
    [InlineData("=?utf-8?q?x?=@example.com")]
    public void Parse_NotOneBareAddress_IsRefusedNamingTheItem(string address)
    {
        var action = new Microsoft.Mail.OutlookMailConnectorType().Actions.Single(a => a.Name == SendEmailAction.Name);

        var error = Assert.Throws<ConnectorValidationException>(() => action.Parse(Email("alice@example.com", address)));

        Assert.Equal("to[1]", error.Field);
    }

    [Fact]
    public void Parse_SubjectWithALineBreak_IsRefused()
    {
        var action = new Microsoft.Mail.OutlookMailConnectorType().Actions.Single(a => a.Name == SendEmailAction.Name);
        var email = Email("bob@example.com");
        email["subject"] = "Hello\r\nBcc: eve@example.com";

        Assert.Equal("subject", Assert.Throws<ConnectorValidationException>(() => action.Parse(email)).Field);
    }
}
