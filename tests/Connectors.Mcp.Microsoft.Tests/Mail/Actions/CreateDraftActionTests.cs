using System.Text.Json.Nodes;
using Connectors.Mcp.Microsoft.Mail.Actions;
using Connectors.Mcp.Microsoft.Tests.TestSupport;
using Connectors.Mcp.Sandbox.Microsoft;

namespace Connectors.Mcp.Microsoft.Tests.Mail.Actions;

public sealed class CreateDraftActionTests
{
    private static JsonObject Email() => new()
    {
        ["to"] = new JsonArray("bob@example.com"),
        ["bcc"] = new JsonArray("dave@example.com"),
        ["subject"] = "Draft agenda",
        ["body"] = "1. Budget\n2. Hiring",
    };

    [Fact]
    public async Task Draft_IsSavedInDrafts_WithTheKeysMessageId_AndNothingIsSent()
    {
        await using var harness = await OutlookHarness.StartAsync();

        var result = await harness.RunAsync(CreateDraftAction.Name, Email(), "draft-1");

        SchemaAssert.MatchesOutputSchema(harness.Action(CreateDraftAction.Name), result);
        var draft = Assert.Single(harness.Server.MessagesIn("drafts"));
        Assert.True(draft.IsDraft);
        Assert.Equal(draft.Id, (string?)result["id"]);
        Assert.Equal(draft.InternetMessageId, (string?)result["internet_message_id"]);
        Assert.Matches("^<[0-9a-f]{40}@connectors-mcp\\.local>$", draft.InternetMessageId!);
        Assert.Equal(["dave@example.com"], draft.Bcc);
        Assert.Equal(0, harness.Server.RequestCount(FakeMicrosoftEndpoints.SendMessage));
    }

    [Fact]
    public async Task Draft_TheSameKeyAgain_ReturnsTheFirstDraft()
    {
        await using var harness = await OutlookHarness.StartAsync();

        var first = await harness.RunAsync(CreateDraftAction.Name, Email(), "draft-1");
        var again = await harness.RunAsync(CreateDraftAction.Name, Email(), "draft-1");

        Assert.True(JsonNode.DeepEquals(first, again));
        Assert.Single(harness.Server.MessagesIn("drafts"));
        Assert.Equal(1, harness.Server.RequestCount(FakeMicrosoftEndpoints.CreateMessage));
    }

    [Fact]
    public async Task Draft_CreatedThen503_IsFoundByItsMessageId()
    {
        await using var harness = await OutlookHarness.StartAsync();
        harness.Server.InjectFault(FakeMicrosoftEndpoints.CreateMessage, FakeGraphFault.ActThenUnavailable());

        await Assert.ThrowsAsync<Core.Errors.AmbiguousOutcomeException>(() => harness.RunAsync(CreateDraftAction.Name, Email(), "draft-2"));
        var outcome = await harness.ResolveAsync(CreateDraftAction.Name, Email(), "draft-2");
        var unrelated = await harness.ResolveAsync(CreateDraftAction.Name, Email(), "draft-3");

        var draft = Assert.Single(harness.Server.MessagesIn("drafts"));
        Assert.True(outcome!.TookEffect);
        Assert.Equal(draft.Id, (string?)outcome.Result!["id"]);
        SchemaAssert.MatchesOutputSchema(harness.Action(CreateDraftAction.Name), outcome.Result);
        Assert.False(unrelated!.TookEffect);
    }
}
