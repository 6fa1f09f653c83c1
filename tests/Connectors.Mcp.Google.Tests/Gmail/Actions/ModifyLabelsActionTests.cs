using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Google.Tests.TestSupport;

namespace Connectors.Mcp.Google.Tests.Gmail.Actions;

public sealed class ModifyLabelsActionTests
{
    [Fact]
    public async Task ModifyLabels_ArchiveAndMarkRead_RemovesInboxAndUnread()
    {
        await using var harness = await GmailHarness.StartAsync();
        var phishing = harness.Seeded("Action required: mailbox migration");

        var result = await harness.RunAsync("modify_labels", new JsonObject
        {
            ["message_id"] = phishing.Id,
            ["remove_label_ids"] = new JsonArray("INBOX", "UNREAD"),
            ["add_label_ids"] = new JsonArray("Label_1"),
        });

        SchemaAssert.MatchesOutputSchema(harness.Action("modify_labels"), result);
        Assert.Equal(phishing.Id, result["id"]!.GetValue<string>());
        Assert.Equal(["Label_1"], result["label_ids"]!.AsArray().Select(l => l!.GetValue<string>()));
        Assert.Equal(["Label_1"], harness.Server.FindMessage(phishing.Id)!.LabelIds);
    }

    [Fact]
    public async Task ModifyLabels_NothingToChange_IsValidationErrorWithoutRequest()
    {
        await using var harness = await GmailHarness.StartAsync();
        var phishing = harness.Seeded("Action required: mailbox migration");

        var error = await Assert.ThrowsAsync<ConnectorValidationException>(
            () => harness.RunAsync("modify_labels", new JsonObject { ["message_id"] = phishing.Id, ["add_label_ids"] = new JsonArray() }));

        Assert.Equal("add_label_ids", error.Field);
        Assert.Equal(0, harness.Server.TotalRequestCount);
    }

    [Fact]
    public async Task ModifyLabels_UnknownLabel_IsProviderErrorWithGooglesMessage()
    {
        await using var harness = await GmailHarness.StartAsync();
        var phishing = harness.Seeded("Action required: mailbox migration");

        var error = await Assert.ThrowsAsync<ProviderException>(() => harness.RunAsync("modify_labels", new JsonObject
        {
            ["message_id"] = phishing.Id,
            ["add_label_ids"] = new JsonArray("Label_99"),
        }));

        Assert.Equal(400, error.StatusCode);
        Assert.Contains("Invalid label: Label_99", error.Message);
        Assert.DoesNotContain(harness.Grant.AccessToken, error.Message);
    }

    [Fact]
    public async Task ModifyLabels_UnknownMessage_IsNotFound()
    {
        await using var harness = await GmailHarness.StartAsync();

        await Assert.ThrowsAsync<ResourceNotFoundException>(() => harness.RunAsync("modify_labels", new JsonObject
        {
            ["message_id"] = "00000000000000aa",
            ["remove_label_ids"] = new JsonArray("UNREAD"),
        }));
    }
}
