using System.Text.Json.Nodes;
using Connectors.Mcp.Google.Tests.TestSupport;
using Connectors.Mcp.Sandbox.Google;

namespace Connectors.Mcp.Google.Tests.Gmail.Actions;

public sealed class CreateDraftActionTests
{
    [Fact]
    public async Task CreateDraft_SavesADraftAndSendsNothing()
    {
        await using var harness = await GmailHarness.StartAsync();

        var result = await harness.RunAsync("create_draft", new JsonObject
        {
            ["to"] = new JsonArray("alice@example.com"),
            ["cc"] = new JsonArray("bob@example.com"),
            ["subject"] = "Draft: proposal",
            ["body"] = "Rough notes.",
        });

        SchemaAssert.MatchesOutputSchema(harness.Action("create_draft"), result);
        var draft = Assert.Single(harness.Server.Drafts);
        Assert.Equal(draft.DraftId, result["draft_id"]!.GetValue<string>());
        Assert.Equal(draft.MessageId, result["id"]!.GetValue<string>());
        Assert.Equal(draft.ThreadId, result["thread_id"]!.GetValue<string>());
        Assert.Equal("Draft: proposal", draft.Message.Subject);
        Assert.Equal(["bob@example.com"], draft.Message.Cc.Mailboxes.Select(m => m.Address));
        Assert.Equal($"<{draft.Message.MessageId}>", result["message_id_header"]!.GetValue<string>());
        Assert.Contains("DRAFT", harness.Server.FindMessage(draft.MessageId)!.LabelIds);
        Assert.Empty(harness.Server.SentMessages);
        Assert.Equal(0, harness.Server.RequestCount(FakeGoogleEndpoints.MessagesSend));
    }

    [Fact]
    public async Task CreateDraft_Reply_IsInTheOriginalThread()
    {
        await using var harness = await GmailHarness.StartAsync();
        var original = harness.Seeded("Q3 roadmap review — agenda");

        await harness.RunAsync("create_draft", new JsonObject
        {
            ["to"] = new JsonArray("priya@northwind.example"),
            ["subject"] = "Q3 roadmap review — agenda",
            ["body"] = "Draft reply.",
            ["reply_to_message_id"] = original.Id,
        });

        var draft = Assert.Single(harness.Server.Drafts);
        Assert.Equal(original.ThreadId, draft.ThreadId);
        Assert.Equal(original.Message.MessageId, draft.Message.InReplyTo);
        Assert.Equal("Re: Q3 roadmap review — agenda", draft.Message.Subject);
    }
}
