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
        var expected = demo.Catalog.Tools.Where(t => t.Meta is not null || t.Annotations.ReadOnly).Select(t => t.Name).Order(StringComparer.Ordinal).ToList();

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
        var expected = demo.Catalog.Tools.Where(t => t.Meta is not null || t.Name.Contains("_calendar_", StringComparison.Ordinal)).Select(t => t.Name).Order(StringComparer.Ordinal).ToList();

        var listed = (await server.Client.ListToolsRawAsync()).Select(t => t.Name).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(expected, listed);
        Assert.DoesNotContain(listed, n => n.StartsWith("gmail_", StringComparison.Ordinal));
    }
}
