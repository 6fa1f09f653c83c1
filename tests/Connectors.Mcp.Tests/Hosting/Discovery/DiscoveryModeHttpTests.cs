using System.Text.Json;
using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Catalog;
using Connectors.Mcp.Core.Pipeline.Approval;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Tests.EndToEnd;
using Connectors.Mcp.Tests.Hosting.Auth;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using ModelContextProtocol.Client;

namespace Connectors.Mcp.Tests.Hosting.Discovery;

/// <summary>
/// Discovery mode over real HTTP with the SDK's client, against every tool of the sandbox's demo workspace: a session in
/// discovery mode lists only search_tools and call_tool (within the 2,000-character budget), finds tools
/// with search_tools and runs them with call_tool through the same pipeline as a direct call — scope, validation,
/// approval and an audit row under the real tool's name.
/// </summary>
public sealed class DiscoveryModeHttpTests(ScopedKeyServerFixture fixture) : IClassFixture<ScopedKeyServerFixture>
{
    /// <summary>The target for a discovery-mode tools/list, whatever the catalog's size.</summary>
    private const int MaxDiscoveryListLength = 2_000;

    private static readonly ToolScope Discovery = ToolScope.Create(false, null, ToolMode.Discovery);

    [Fact]
    public async Task DiscoveryKey_ListsOnlyTheDiscoveryTools_WithinTheBudget()
    {
        await using var client = await ConnectAsync(Discovery);

        var tools = await client.ListToolsRawAsync();
        var length = JsonSerializer.Serialize(new { tools }, McpJsonUtilities.DefaultOptions).Length;

        Assert.Equal(["call_tool", "search_tools"], tools.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.True(length <= MaxDiscoveryListLength, $"the discovery tools/list is {length} characters: {JsonSerializer.Serialize(new { tools }, McpJsonUtilities.DefaultOptions)}");
        Assert.True(fixture.Catalog.Tools.Count > 20, "the demo workspace's catalog is large");
    }

    [Fact]
    public async Task SearchTools_ReturnsRankedToolsWithTheirDefinitions_AsToolsListWouldGiveThem()
    {
        await using var client = await ConnectAsync(Discovery);

        var found = (await client.CallAsync("search_tools", """{"query":"send an email to Bob","limit":3}""")).AssertSuccess().Structured()["tools"]!.AsArray();

        Assert.InRange(found.Count, 1, 3);
        Assert.Contains(found, t => (string)t!["name"]! is "gmail_send_email" or "outlook_mail_send_email");
        foreach (var hit in found)
        {
            var tool = fixture.Catalog.Find((string)hit!["name"]!)!;
            Assert.Equal(tool.Description, (string)hit["description"]!);
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(tool.InputSchema.GetRawText()), hit["inputSchema"]), tool.Name);
        }
    }

    [Fact]
    public async Task CallTool_SendsAnEmail_AfterAPersonApproves_AuditedUnderTheRealToolName()
    {
        await using var client = await ConnectAsync(Discovery);
        var before = (await fixture.AuditAsync()).Select(r => r.Id).DefaultIfEmpty(0).Max();
        var send = (string)(await client.CallAsync("search_tools", """{"query":"send an email"}""")).AssertSuccess().Structured()["tools"]!.AsArray()
            .First(t => ((string)t!["name"]!).EndsWith("_send_email", StringComparison.Ordinal))!["name"]!;
        var subject = $"Discovery {Guid.NewGuid():N}";
        var arguments = new JsonObject { ["to"] = new JsonArray("bob@example.com"), ["subject"] = subject, ["body"] = "The Q3 deck is attached." };

        var pending = await client.CallAsync("call_tool", new JsonObject { ["name"] = send, ["arguments"] = arguments });
        var approvalId = (string)pending.AssertSuccess().Structured()["approval_id"]!;
        await fixture.Server.GetRequiredService<ApprovalDecisions>().DecideAsync(approvalId, approve: true, "test", null, CancellationToken.None);
        var outcome = (await client.CallAsync("call_tool", new JsonObject { ["name"] = "get_approval", ["arguments"] = new JsonObject { ["approval_id"] = approvalId } }))
            .AssertSuccess().Structured();

        Assert.Equal("pending_approval", (string)pending.Structured()["status"]!);
        Assert.Contains("call_tool with name get_approval", pending.Text(), StringComparison.Ordinal);
        Assert.Equal("succeeded", (string)outcome["status"]!);
        Assert.NotEmpty(outcome["result"]!.AsObject());
        var rows = (await fixture.AuditAsync()).Where(r => r.Id > before).ToList();
        Assert.Equal(new[] { "get_approval", "search_tools", send }.Order(StringComparer.Ordinal), rows.Select(r => r.Tool).Distinct().Order(StringComparer.Ordinal));
        Assert.Contains(rows, r => r.Tool == send && r.Status == AuditStatus.PendingApproval && r.ApprovalId == approvalId);
        Assert.Contains(rows, r => r.Tool == send && r.Status == AuditStatus.Succeeded && r.ApprovalId == approvalId);
    }

    [Fact]
    public async Task CallTool_ChecksTheNamedToolsArguments()
    {
        await using var client = await ConnectAsync(Discovery);

        var result = await client.CallAsync("call_tool", """{"name":"gmail_send_email","arguments":{"subject":"no recipient"}}""");

        Assert.True(result.IsError);
        Assert.Contains("Invalid arguments for gmail_send_email", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallTool_OfAnUnknownTool_IsAToolError_AuditedLikeAnyUnknownTool()
    {
        await using var client = await ConnectAsync(Discovery);
        var name = $"no_such_tool_{Guid.NewGuid():N}";

        var result = await client.CallAsync("call_tool", new JsonObject { ["name"] = name });
        var nested = await client.CallAsync("call_tool", """{"name":"call_tool","arguments":{"name":"list_connectors"}}""");

        Assert.True(result.IsError);
        Assert.Contains($"Unknown tool '{name}' in workspace 'demo'", result.Text(), StringComparison.Ordinal);
        Assert.Contains(await fixture.AuditAsync(), r => r.Tool == name && r.ErrorCode == "unknown_tool");
        Assert.True(nested.IsError);
        Assert.Contains("Unknown tool 'call_tool'", nested.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadOnlyDiscoveryKey_NeitherFindsNorCallsAWriteTool()
    {
        await using var client = await ConnectAsync(ToolScope.Create(true, null, ToolMode.Discovery));
        var writes = fixture.Catalog.Tools.Where(t => t.Action is { IsReadOnly: false }).Select(t => t.Name).ToList();

        var found = (await client.CallAsync("search_tools", """{"query":"send an email, create or delete an event","limit":10}""")).AssertSuccess()
            .Structured()["tools"]!.AsArray().Select(t => (string)t!["name"]!).ToList();
        var send = await client.CallAsync("call_tool", """{"name":"gmail_send_email","arguments":{"to":["bob@example.com"],"subject":"x","body":"y"}}""");
        var read = await client.CallAsync("call_tool", """{"name":"gmail_search_inbox","arguments":{"query":"in:inbox"}}""");

        Assert.NotEmpty(writes);
        Assert.NotEmpty(found);
        Assert.Empty(found.Intersect(writes));
        Assert.True(send.IsError);
        Assert.Contains("Unknown tool 'gmail_send_email'", send.Text(), StringComparison.Ordinal);
        read.AssertSuccess();
    }

    [Fact]
    public async Task DiscoveryMode_StillAcceptsADirectCall_AndAllMode_KnowsNoDiscoveryTools()
    {
        await using var discovery = await ConnectAsync(Discovery);
        await using var all = await ConnectAsync(ToolScope.Create(false, null, ToolMode.All));

        (await discovery.CallAsync("gmail_search_inbox", """{"query":"in:inbox"}""")).AssertSuccess();
        var listed = (await all.ListToolsRawAsync()).Select(t => t.Name).ToList();
        var search = await Assert.ThrowsAsync<McpProtocolException>(() => all.CallAsync("search_tools", """{"query":"send"}"""));

        Assert.DoesNotContain("search_tools", listed);
        Assert.DoesNotContain("call_tool", listed);
        Assert.Contains("gmail_send_email", listed);
        Assert.Equal(McpErrorCode.InvalidParams, search.ErrorCode);
    }

    [Fact]
    public async Task SearchTools_WithAQueryOfNoWords_SaysWhatToSend()
    {
        await using var client = await ConnectAsync(Discovery);

        var result = await client.CallAsync("search_tools", """{"query":"the ?!"}""");

        Assert.True(result.IsError);
        Assert.Contains("no word to search for", result.Text(), StringComparison.Ordinal);
    }

    private async Task<McpClient> ConnectAsync(ToolScope scope) => await fixture.ConnectAsync((await fixture.CreateKeyAsync(scope)).Secret);
}
