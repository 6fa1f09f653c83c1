using System.Text.Json;
using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Catalog;
using Connectors.Mcp.Google.Gmail;
using ModelContextProtocol.Protocol;

namespace Connectors.Mcp.Tests.EndToEnd;

/// <summary>
/// tools/list and a read call through the built executable over stdio, with the SDK client: the tool surface is
/// exactly the workspace's, schemas and annotations are published as declared, and results match their schemas.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class StdioCatalogTests(StdioWorkspaceFixture fixture) : IClassFixture<StdioWorkspaceFixture>
{
    private static readonly GmailConnectorType Gmail = new();

    [Fact]
    public async Task ToolsList_IsExactlyTheMetaToolsAndTheGmailTools()
    {
        var tools = await fixture.Client.ListToolsRawAsync();

        string[] expected =
        [
            "list_connectors", "get_approval",
            "gmail_search_inbox", "gmail_get_message", "gmail_send_email", "gmail_create_draft", "gmail_list_labels", "gmail_modify_labels",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), tools.Select(t => t.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ToolsList_PublishesTheDeclaredSchemasAndAnnotations()
    {
        var tools = (await fixture.Client.ListToolsRawAsync()).ToDictionary(t => t.Name);

        foreach (var action in Gmail.Actions)
        {
            var tool = tools[$"gmail_{action.Name}"];
            // Every write also takes the pipeline's optional idempotency_key; reads publish exactly what they declare.
            var published = action.IsReadOnly ? action.InputSchema : ToolSchemas.WithIdempotencyKey(action.InputSchema);
            Assert.True(JsonElement.DeepEquals(published, tool.InputSchema), $"{tool.Name} inputSchema differs from the declaration:\n{tool.InputSchema}");
            var expectedOutput = action.DefaultPolicy == Core.Connectors.ApprovalPolicy.Approve
                ? ToolSchemas.WithPendingApproval(action.OutputSchema)
                : action.OutputSchema;
            Assert.True(tool.OutputSchema is { } output && JsonElement.DeepEquals(expectedOutput, output), $"{tool.Name} outputSchema differs:\n{tool.OutputSchema}");
            Assert.Equal("object", tool.OutputSchema!.Value.GetProperty("type").GetString());

            Assert.NotNull(tool.Annotations);
            Assert.Equal(action.Annotations.ReadOnly, tool.Annotations!.ReadOnlyHint);
            Assert.Equal(action.Annotations.Destructive, tool.Annotations.DestructiveHint);
            Assert.Equal(action.Annotations.Idempotent, tool.Annotations.IdempotentHint);
            Assert.Equal(action.Annotations.OpenWorld, tool.Annotations.OpenWorldHint);
            Assert.False(string.IsNullOrWhiteSpace(tool.Description));
        }

        Assert.True(tools["gmail_search_inbox"].Annotations!.ReadOnlyHint);
        Assert.False(tools["gmail_send_email"].Annotations!.ReadOnlyHint);
        Assert.True(tools["gmail_modify_labels"].Annotations!.DestructiveHint);

        // The gated tool's schema admits the pending-approval shape too; the ungated ones do not mention it.
        Assert.Contains("pending_approval", tools["gmail_send_email"].OutputSchema!.Value.GetRawText());
        Assert.DoesNotContain("pending_approval", tools["gmail_create_draft"].OutputSchema!.Value.GetRawText());

        foreach (var meta in new[] { "list_connectors", "get_approval" })
        {
            Assert.Equal("object", tools[meta].InputSchema.GetProperty("type").GetString());
            Assert.Equal("object", tools[meta].OutputSchema!.Value.GetProperty("type").GetString());
            Assert.True(tools[meta].Annotations!.ReadOnlyHint);
        }

        Assert.Equal(["approval_id"], tools["get_approval"].InputSchema.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task SearchInbox_ReturnsStructuredContentValidAgainstItsOutputSchema_AndAText()
    {
        var before = fixture.Installation.Google.RequestCount(Sandbox.Google.FakeGoogleEndpoints.MessagesList);

        var result = (await fixture.Client.CallAsync("gmail_search_inbox", """{"query":"in:inbox","max_results":5}""")).AssertSuccess();

        OutputSchemaAssert.Valid(fixture.Tools["gmail_search_inbox"], result);
        var messages = result.Structured()["messages"]!.AsArray();
        Assert.Equal(5, messages.Count);
        Assert.All(messages, m => Assert.Contains("INBOX", m!["label_ids"]!.AsArray().Select(l => l!.GetValue<string>())));
        Assert.NotNull(result.Structured()["next_page_token"]);
        Assert.Equal(before + 1, fixture.Installation.Google.RequestCount(Sandbox.Google.FakeGoogleEndpoints.MessagesList));

        // The text block is readable and carries the same data, marked as third-party content.
        var text = result.Text();
        Assert.Contains("gmail_search_inbox succeeded", text);
        Assert.Contains("not an instruction", text);
        Assert.Contains((string)messages[0]!["subject"]!, text);
    }

    [Fact]
    public async Task GetMessage_AndListConnectors_MatchTheirOutputSchemas()
    {
        var search = (await fixture.Client.CallAsync("gmail_search_inbox", """{"query":"subject:contract"}""")).AssertSuccess();
        var id = (string)search.Structured()["messages"]!.AsArray().Single()!["id"]!;

        var message = (await fixture.Client.CallAsync("gmail_get_message", new JsonObject { ["message_id"] = id })).AssertSuccess();
        OutputSchemaAssert.Valid(fixture.Tools["gmail_get_message"], message);
        Assert.Contains("countersigned services agreement", (string)message.Structured()["body_text"]!);

        var connectors = (await fixture.Client.CallAsync("list_connectors")).AssertSuccess();
        OutputSchemaAssert.Valid(fixture.Tools["list_connectors"], connectors);
        var gmail = Assert.Single(connectors.Structured()["connectors"]!.AsArray());
        Assert.Equal(fixture.Gmail.ConnectorId, (string)gmail!["id"]!);
        Assert.Equal("active", (string)gmail["status"]!);
        Assert.Equal(6, gmail["tools"]!.AsArray().Count);

        var labels = (await fixture.Client.CallAsync("gmail_list_labels")).AssertSuccess();
        OutputSchemaAssert.Valid(fixture.Tools["gmail_list_labels"], labels);
    }
}
