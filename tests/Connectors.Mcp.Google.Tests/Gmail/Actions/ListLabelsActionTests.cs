using System.Text.Json.Nodes;
using Connectors.Mcp.Google.Tests.TestSupport;

namespace Connectors.Mcp.Google.Tests.Gmail.Actions;

public sealed class ListLabelsActionTests
{
    [Fact]
    public async Task ListLabels_ReturnsSystemAndUserLabelsWithCounts()
    {
        await using var harness = await GmailHarness.StartAsync();

        var result = await harness.RunAsync("list_labels", new JsonObject());

        SchemaAssert.MatchesOutputSchema(harness.Action("list_labels"), result);
        var labels = result["labels"]!.AsArray().Select(l => l!.AsObject()).ToDictionary(l => l["id"]!.GetValue<string>());
        var inbox = labels["INBOX"];
        Assert.Equal("system", inbox["type"]!.GetValue<string>());
        Assert.Equal(6, inbox["messages_total"]!.GetValue<long>());
        Assert.Equal(2, inbox["messages_unread"]!.GetValue<long>());
        var receipts = labels["Label_1"];
        Assert.Equal("Receipts", receipts["name"]!.GetValue<string>());
        Assert.Equal("user", receipts["type"]!.GetValue<string>());
        Assert.Equal(1, receipts["messages_total"]!.GetValue<long>());
        Assert.Equal("Projects/Atlas", labels["Label_2"]["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task ListLabels_UnknownArgument_IsRejected()
    {
        await using var harness = await GmailHarness.StartAsync();

        var error = await Assert.ThrowsAsync<Core.Errors.ConnectorValidationException>(
            () => harness.RunAsync("list_labels", new JsonObject { ["api_base_url"] = "http://evil.test/" }));

        Assert.Equal("api_base_url", error.Field);
        Assert.Equal(0, harness.Server.TotalRequestCount);
    }
}
