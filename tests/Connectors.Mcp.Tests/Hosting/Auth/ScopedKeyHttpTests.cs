using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Catalog;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Hosting.Auth;
using Connectors.Mcp.Tests.EndToEnd;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;

namespace Connectors.Mcp.Tests.Hosting.Auth;

/// <summary>
/// Scoped API keys over real HTTP with the SDK's client, against every tool of the sandbox's demo workspace: a key sees
/// in tools/list and list_connectors exactly the tools its scope allows, and a call outside it is answered and audited
/// exactly like a call to a tool that does not exist (the audit row of such a call: <see cref="ScopedKeyAuditTests"/>).
/// </summary>
public sealed class ScopedKeyHttpTests(ScopedKeyServerFixture fixture) : IClassFixture<ScopedKeyServerFixture>
{
    [Fact]
    public async Task ReadOnlyKey_ListsExactlyTheReadOnlyTools_AndEveryOtherToolIsUnknown()
    {
        var issued = await fixture.CreateKeyAsync(ToolScope.Create(true, null), "reader");
        await using var client = await fixture.ConnectAsync(issued.Secret);
        var expected = Names(fixture.Catalog.Tools.Where(t => IsListedMeta(t) || (t.Meta is null && t.Annotations.ReadOnly)));

        var listed = Names(await client.ListToolsRawAsync());

        Assert.Contains("gmail_send_email", Names(fixture.Catalog.Tools));
        Assert.Equal(expected, listed);
        Assert.True(listed.Count < fixture.Catalog.Tools.Count, "the demo workspace has write tools");
        Assert.Equal(expected.Where(n => fixture.Catalog.Find(n)!.Meta is null).ToList(), await ConnectorToolsAsync(client));
        await AssertEveryOtherToolIsUnknownAsync(client, expected);
    }

    [Fact]
    public async Task PatternKey_SeesOnlyTheMatchingToolsAndTheMetaTools_AndCallsThem()
    {
        var issued = await fixture.CreateKeyAsync(ToolScope.Create(false, ["gmail_*"]));
        await using var client = await fixture.ConnectAsync(issued.Secret);
        var expected = Names(fixture.Catalog.Tools.Where(t => IsListedMeta(t) || t.Name.StartsWith("gmail_", StringComparison.Ordinal)));

        var listed = Names(await client.ListToolsRawAsync());
        var search = await client.CallAsync("gmail_search_inbox", """{"query":"in:inbox"}""");

        Assert.Equal(expected, listed);
        Assert.Contains(fixture.Catalog.Tools, t => t.Meta is null && !t.Name.StartsWith("gmail_", StringComparison.Ordinal));
        Assert.Contains("gmail_send_email", listed);
        search.AssertSuccess();
        Assert.Equal(expected.Where(n => fixture.Catalog.Find(n)!.Meta is null).ToList(), await ConnectorToolsAsync(client));
        await AssertEveryOtherToolIsUnknownAsync(client, expected);
    }

    [Fact]
    public async Task ReadOnlyWithPatterns_BothMustHold()
    {
        var issued = await fixture.CreateKeyAsync(ToolScope.Create(true, ["gmail_*", "*_list_*"]));
        await using var client = await fixture.ConnectAsync(issued.Secret);
        var expected = Names(fixture.Catalog.Tools.Where(t => IsListedMeta(t)
            || (t.Annotations.ReadOnly && (t.Name.StartsWith("gmail_", StringComparison.Ordinal) || t.Name.Contains("_list_", StringComparison.Ordinal)))));

        var listed = Names(await client.ListToolsRawAsync());

        Assert.Equal(expected, listed);
        Assert.DoesNotContain("gmail_send_email", listed);
        Assert.Contains(listed, n => !n.StartsWith("gmail_", StringComparison.Ordinal) && fixture.Catalog.Find(n)!.Meta is null);
    }

    [Fact]
    public async Task FullKey_SeesEveryTool()
    {
        var issued = await fixture.CreateKeyAsync(ToolScope.Full);
        await using var client = await fixture.ConnectAsync(issued.Secret);

        Assert.Equal(Names(fixture.Catalog.Tools.Where(t => !ToolVisibility.IsDiscoveryTool(t))), Names(await client.ListToolsRawAsync()));
    }

    [Fact]
    public async Task RevokedKey_IsRefused_OnANewConnectionAndOnItsOpenSession()
    {
        var issued = await fixture.CreateKeyAsync(ToolScope.Create(true, null));
        await using var client = await fixture.ConnectAsync(issued.Secret);
        Assert.NotEmpty(await client.ListToolsRawAsync());

        // What `apikey revoke` does in the server's process; another process's revocation is refused within
        // ApiKeyCache.Lifetime (ApiKeyCacheTests, on a fake clock).
        await fixture.Server.GetRequiredService<IWorkspaceStore>().RevokeApiKeyAsync(issued.Key.Id, OperatorActor.Cli("test"), CancellationToken.None);
        fixture.Server.GetRequiredService<ApiKeyCache>().Clear();

        var open = await Assert.ThrowsAnyAsync<Exception>(() => client.ListToolsRawAsync());
        var fresh = await Assert.ThrowsAnyAsync<Exception>(() => fixture.ConnectAsync(issued.Secret));

        Assert.Contains("401", open.ToString(), StringComparison.Ordinal);
        Assert.Contains("401", fresh.ToString(), StringComparison.Ordinal);
    }

    /// <summary>The meta tools a session in "all" mode lists: not search_tools and call_tool (discovery mode's).</summary>
    private static bool IsListedMeta(CatalogTool tool) => tool.Meta is MetaTool.ListConnectors or MetaTool.GetApproval;

    private static List<string> Names(IEnumerable<CatalogTool> tools) => tools.Select(t => t.Name).Order(StringComparer.Ordinal).ToList();

    private static List<string> Names(IEnumerable<ModelContextProtocol.Protocol.Tool> tools) => tools.Select(t => t.Name).Order(StringComparer.Ordinal).ToList();

    /// <summary>The tool names list_connectors shows across the workspace's connectors, sorted.</summary>
    private static async Task<List<string>> ConnectorToolsAsync(ModelContextProtocol.Client.McpClient client)
    {
        var connectors = (await client.CallAsync("list_connectors")).AssertSuccess().Structured()["connectors"]!.AsArray();
        return connectors.SelectMany(c => c!["tools"]!.AsArray().Select(t => (string)t!)).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Every tool of the catalog outside <paramref name="allowed"/> is answered -32602 "Unknown tool", like a missing one.</summary>
    private async Task AssertEveryOtherToolIsUnknownAsync(ModelContextProtocol.Client.McpClient client, List<string> allowed)
    {
        var outside = fixture.Catalog.Tools.Select(t => t.Name).Where(n => !allowed.Contains(n)).ToList();
        Assert.NotEmpty(outside);
        foreach (var name in outside)
        {
            var error = await Assert.ThrowsAsync<McpProtocolException>(() => client.CallAsync(name, new JsonObject()));
            Assert.Equal(McpErrorCode.InvalidParams, error.ErrorCode);
            Assert.Contains($"Unknown tool '{name}' in workspace 'demo'.", error.Message, StringComparison.Ordinal);
        }
    }
}
