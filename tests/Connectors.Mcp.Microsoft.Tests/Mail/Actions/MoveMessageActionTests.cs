using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Microsoft.Mail.Actions;
using Connectors.Mcp.Microsoft.Tests.TestSupport;
using Connectors.Mcp.Sandbox.Microsoft;

namespace Connectors.Mcp.Microsoft.Tests.Mail.Actions;

public sealed class MoveMessageActionTests
{
    [Theory]
    [InlineData("archive", "AAMkAGI2-archive")]
    [InlineData("deleteditems", "AAMkAGI2-deleteditems")]
    [InlineData("junkemail", "AAMkAGI2-junkemail")]
    [InlineData("AAMkAGI2-archive", "AAMkAGI2-archive")]
    public async Task Move_ToAWellKnownFolderOrAnId_ReturnsTheNewId(string destination, string folderId)
    {
        await using var harness = await OutlookHarness.StartAsync();

        var result = await harness.RunAsync(MoveMessageAction.Name, new JsonObject { ["message_id"] = "AAMkAGI2-msg-lunch", ["destination_folder_id"] = destination });

        SchemaAssert.MatchesOutputSchema(harness.Action(MoveMessageAction.Name), result);
        var moved = Assert.Single(harness.Server.Messages, m => m.Id == (string?)result["id"]);
        Assert.NotEqual("AAMkAGI2-msg-lunch", moved.Id);
        Assert.Equal(folderId, moved.FolderId);
        Assert.Equal(folderId, (string?)result["folder_id"]);
        Assert.Equal("AAMkAGI2-msg-lunch", (string?)result["previous_id"]);
        Assert.DoesNotContain(harness.Server.Messages, m => m.Id == "AAMkAGI2-msg-lunch");
    }

    [Fact]
    public async Task Move_ToAUserFolderByName_LooksItsIdUp()
    {
        await using var harness = await OutlookHarness.StartAsync();
        harness.Server.AddFolder(new FakeOutlookFolder("AAMk-receipts", "Receipts", null));

        var result = await harness.RunAsync(MoveMessageAction.Name, new JsonObject { ["message_id"] = "AAMkAGI2-msg-invoice", ["destination_folder_name"] = "receipts" });

        Assert.Equal("AAMk-receipts", (string?)result["folder_id"]);
        Assert.Single(harness.Server.MessagesIn("AAMk-receipts"));
    }

    [Fact]
    public async Task Move_ToAnUnknownFolderName_IsNotFound_AndMovesNothing()
    {
        await using var harness = await OutlookHarness.StartAsync();

        await Assert.ThrowsAsync<ResourceNotFoundException>(() =>
            harness.RunAsync(MoveMessageAction.Name, new JsonObject { ["message_id"] = "AAMkAGI2-msg-invoice", ["destination_folder_name"] = "Nope" }));

        Assert.Equal(0, harness.Server.RequestCount(FakeMicrosoftEndpoints.MoveMessage));
    }

    [Fact]
    public async Task Move_AMessageThatIsGone_IsNotFound()
    {
        await using var harness = await OutlookHarness.StartAsync();

        var error = await Assert.ThrowsAsync<ResourceNotFoundException>(() =>
            harness.RunAsync(MoveMessageAction.Name, new JsonObject { ["message_id"] = "AAMk-gone", ["destination_folder_id"] = "archive" }));

        Assert.Contains("ErrorItemNotFound", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BothOrNeitherDestination_IsRefused()
    {
        var action = new Microsoft.Mail.OutlookMailConnectorType().Actions.Single(a => a.Name == MoveMessageAction.Name);

        Assert.Throws<ConnectorValidationException>(() => action.Parse(new JsonObject { ["message_id"] = "AAMk1" }));
        Assert.Throws<ConnectorValidationException>(() => action.Parse(new JsonObject { ["message_id"] = "AAMk1", ["destination_folder_id"] = "archive", ["destination_folder_name"] = "Archive" }));
    }
}
