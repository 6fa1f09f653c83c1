using Connectors.Mcp.Core.Catalog;
using Connectors.Mcp.Tests.Hosting.Auth;
using Connectors.Mcp.Tests.Support;
using ModelContextProtocol;

namespace Connectors.Mcp.Tests.EndToEnd;

/// <summary>
/// <c>serve --stdio --sandbox --read-only</c> (and <c>--tools</c>) as a desktop client starts it: the served workspace's
/// scope, like a key's. The expected tools come from the demo workspace's catalog (<see cref="ScopedKeyServerFixture"/>).
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class StdioScopeTests(ScopedKeyServerFixture demo) : IClassFixture<ScopedKeyServerFixture>
{
    [Fact]
    public async Task ReadOnly_ListsOnlyTheReadOnlyTools_AndCannotSend()
    {
        using var home = new TestHome();
        await using var server = await StdioServer.StartAsync(home.Path, "demo", null, "--sandbox", "--read-only");
        var expected = demo.Catalog.Tools.Where(t => t.Meta is MetaTool.ListConnectors or MetaTool.GetApproval || (t.Meta is null && t.Annotations.ReadOnly)).Select(t => t.Name).Order(StringComparer.Ordinal).ToList();

        var listed = (await server.Client.ListToolsRawAsync()).Select(t => t.Name).Order(StringComparer.Ordinal).ToList();
        var send = await Assert.ThrowsAsync<McpProtocolException>(() => server.Client.CallAsync("gmail_send_email", """{"to":["bob@example.com"],"subject":"hi","body":"hi"}"""));
        var search = await server.Client.CallAsync("gmail_search_inbox", """{"query":"in:inbox"}""");

        Assert.Equal(expected, listed);
        Assert.True(listed.Count < demo.Catalog.Tools.Count);
        Assert.Equal(McpErrorCode.InvalidParams, send.ErrorCode);
        Assert.Contains("Unknown tool 'gmail_send_email' in workspace 'demo'.", send.Message, StringComparison.Ordinal);
        search.AssertSuccess();
    }

    [Fact]
    public async Task Tools_ListsOnlyTheMatchingToolsAndTheMetaTools()
    {
        using var home = new TestHome();
        await using var server = await StdioServer.StartAsync(home.Path, "demo", null, "--sandbox", "--tools", "*_calendar_*");
        var expected = demo.Catalog.Tools.Where(t => t.Meta is MetaTool.ListConnectors or MetaTool.GetApproval || t.Name.Contains("_calendar_", StringComparison.Ordinal)).Select(t => t.Name).Order(StringComparer.Ordinal).ToList();

        var listed = (await server.Client.ListToolsRawAsync()).Select(t => t.Name).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(expected, listed);
        Assert.DoesNotContain(listed, n => n.StartsWith("gmail_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ToolModeDiscovery_ListsOnlySearchAndCall_AndTheyReachTheWorkspacesTools()
    {
        using var home = new TestHome();
        await using var server = await StdioServer.StartAsync(home.Path, "demo", null, "--sandbox", "--tool-mode", "discovery");

        var listed = (await server.Client.ListToolsRawAsync()).Select(t => t.Name).Order(StringComparer.Ordinal).ToList();
        var found = (await server.Client.CallAsync("search_tools", """{"query":"what's on my calendar this week","limit":3}""")).AssertSuccess()
            .Structured()["tools"]!.AsArray().Select(t => (string)t!["name"]!).ToList();
        var events = await server.Client.CallAsync("call_tool", """{"name":"google_calendar_list_events","arguments":{"max_results":5}}""");

        Assert.Equal(["call_tool", "search_tools"], listed);
        Assert.Contains(found, n => n.EndsWith("_list_events", StringComparison.Ordinal));
        events.AssertSuccess();
    }
}
