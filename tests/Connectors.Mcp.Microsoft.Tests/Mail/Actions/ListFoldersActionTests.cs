using System.Text.Json.Nodes;
using Connectors.Mcp.Microsoft.Mail.Actions;
using Connectors.Mcp.Microsoft.Tests.TestSupport;

namespace Connectors.Mcp.Microsoft.Tests.Mail.Actions;

public sealed class ListFoldersActionTests
{
    [Fact]
    public async Task ListFolders_SeededMailbox_ReturnsWellKnownFoldersWithCounts()
    {
        await using var harness = await OutlookHarness.StartAsync();

        var result = await harness.RunAsync(ListFoldersAction.Name, []);

        SchemaAssert.MatchesOutputSchema(harness.Action(ListFoldersAction.Name), result);
        var folders = result["folders"]!.AsArray().Select(f => f!.AsObject()).ToList();
        Assert.Contains(folders, f => (string?)f["name"] == "Archive");
        var inbox = folders.Single(f => (string?)f["name"] == "Inbox");
        Assert.Equal(4, (int)inbox["total_item_count"]!);
        Assert.Equal(2, (int)inbox["unread_item_count"]!);
        Assert.Null(result["next_page_token"]);
    }

    [Fact]
    public void Parse_UnknownArgument_IsRefused()
    {
        var action = new Microsoft.Mail.OutlookMailConnectorType().Actions.Single(a => a.Name == ListFoldersAction.Name);
        Assert.Throws<Core.Errors.ConnectorValidationException>(() => action.Parse(new JsonObject { ["folder"] = "x" }));
    }
}
