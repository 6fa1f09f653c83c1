using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Microsoft.Mail.Actions;
using Connectors.Mcp.Microsoft.Tests.TestSupport;
using Connectors.Mcp.Sandbox.Microsoft;

namespace Connectors.Mcp.Microsoft.Tests.Mail.Outgoing;

/// <summary>
/// No double send: the send POST is never retried, and a send whose answer is lost is looked up by the
/// internetMessageId derived from the key instead of being sent again.
/// </summary>
public sealed class SentMessageTests
{
    private static JsonObject Email() => new()
    {
        ["to"] = new JsonArray("bob@example.com"),
        ["subject"] = "Signed contract",
        ["body"] = "Attached, signed.",
    };

    private static int SentCount(OutlookHarness harness) => harness.Server.MessagesIn("sentitems").Count(m => m.Subject == "Signed contract");

    [Fact]
    public async Task ADroppedSend_SendsOnce_AndIsFoundAsSent()
    {
        await using var harness = await OutlookHarness.StartAsync();
        harness.Server.InjectFault(FakeMicrosoftEndpoints.SendMessage, FakeGraphFault.ActThenDropConnection());

        await Assert.ThrowsAsync<AmbiguousOutcomeException>(() => harness.RunAsync(SendEmailAction.Name, Email(), "k-drop"));
        var outcome = await harness.ResolveAsync(SendEmailAction.Name, Email(), "k-drop");

        Assert.Equal(1, SentCount(harness));
        Assert.Equal(1, harness.Server.RequestCount(FakeMicrosoftEndpoints.SendMessage));
        Assert.True(outcome!.TookEffect);
        SchemaAssert.MatchesOutputSchema(harness.Action(SendEmailAction.Name), outcome.Result!);
        Assert.Equal(harness.Server.MessagesIn("sentitems").Single(m => m.Subject == "Signed contract").InternetMessageId, (string?)outcome.Result!["internet_message_id"]);
    }

    [Fact]
    public async Task ASentThen503_IsAmbiguous_NotRetried_AndFoundAsSent()
    {
        await using var harness = await OutlookHarness.StartAsync();
        harness.Server.InjectFault(FakeMicrosoftEndpoints.SendMessage, FakeGraphFault.ActThenUnavailable());

        var error = await Assert.ThrowsAsync<AmbiguousOutcomeException>(() => harness.RunAsync(SendEmailAction.Name, Email(), "k-503"));
        var outcome = await harness.ResolveAsync(SendEmailAction.Name, Email(), "k-503");

        Assert.Equal(503, error.StatusCode);
        Assert.Equal(1, harness.Server.RequestCount(FakeMicrosoftEndpoints.SendMessage));
        Assert.Equal(1, SentCount(harness));
        Assert.True(outcome!.TookEffect);
    }

    [Fact]
    public async Task A503BeforeSending_IsUnknownWhileTheDraftIsThere_AndALaterAttemptSendsThatDraftOnce()
    {
        await using var harness = await OutlookHarness.StartAsync();
        harness.Server.InjectFault(FakeMicrosoftEndpoints.SendMessage, FakeGraphFault.Unavailable());

        await Assert.ThrowsAsync<AmbiguousOutcomeException>(() => harness.RunAsync(SendEmailAction.Name, Email(), "k-later"));
        var outcome = await harness.ResolveAsync(SendEmailAction.Name, Email(), "k-later");
        Assert.Null(outcome);
        Assert.Equal(0, SentCount(harness));

        await harness.RunAsync(SendEmailAction.Name, Email(), "k-later");
        await harness.RunAsync(SendEmailAction.Name, Email(), "k-later");

        Assert.Equal(1, SentCount(harness));
        Assert.Equal(1, harness.Server.RequestCount(FakeMicrosoftEndpoints.CreateMessage));
        Assert.Empty(harness.Server.MessagesIn("drafts"));
    }

    [Fact]
    public async Task NothingWritten_IsNotApplied()
    {
        await using var harness = await OutlookHarness.StartAsync();

        var outcome = await harness.ResolveAsync(SendEmailAction.Name, Email(), "k-never");

        Assert.False(outcome!.TookEffect);
    }

    [Fact]
    public async Task ADroppedReply_SendsOnce_AndIsFoundAsSent()
    {
        await using var harness = await OutlookHarness.StartAsync();
        harness.Server.InjectFault(FakeMicrosoftEndpoints.SendMessage, FakeGraphFault.ActThenDropConnection());
        var reply = new JsonObject { ["message_id"] = "AAMkAGI2-msg-lunch", ["body"] = "Noon works." };

        await Assert.ThrowsAsync<AmbiguousOutcomeException>(() => harness.RunAsync(ReplyAction.Name, reply, "k-reply"));
        var outcome = await harness.ResolveAsync(ReplyAction.Name, reply, "k-reply");

        Assert.True(outcome!.TookEffect);
        Assert.Equal("conv-lunch", (string?)outcome.Result!["conversation_id"]);
        Assert.Single(harness.Server.MessagesIn("sentitems"), m => m.Subject == "RE: Lunch on Thursday?");
    }
}
