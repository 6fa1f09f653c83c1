using Connectors.Mcp.Core.Catalog;
using Connectors.Mcp.Core.Pipeline.Audit;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Tests.Pipeline;

/// <summary>
/// call_tool through the real pipeline and store: it costs one token of the workspace's rate limit (not two), every row
/// it leaves — refused or run — is under the called tool's name, and the workspace's tool mode decides whether it exists.
/// Its behaviour over HTTP with the SDK's client (search, approval, scope): DiscoveryModeHttpTests.
/// </summary>
public sealed class CallToolPipelineTests
{
    [Fact]
    public async Task CallTool_CountsOnceAgainstTheWorkspaceLimit_AndARefusalIsAuditedUnderTheCalledTool()
    {
        await using var h = await PipelineHarness.CreateAsync(o => { o.CallsPerMinute = 3; o.ConnectorCallsPerMinute = 100; o.RefusalAuditRowsPerWindow = 1000; });
        var ws = await DiscoveryWorkspaceAsync(h);
        await h.ConnectorAsync(ws);

        var outcomes = new List<Core.Pipeline.ToolOutcome>();
        for (var i = 0; i < 4; i++)
        {
            outcomes.Add(await h.CallAsync(ws, "call_tool", """{"name":"rec_read","arguments":{}}"""));
        }

        Assert.All(outcomes.Take(3), o => Assert.False(o.IsError, o.Text));
        Assert.True(outcomes[3].IsError);
        Assert.Contains("Rate limited", outcomes[3].Text, StringComparison.Ordinal);
        Assert.Equal(3, h.Recorder.Calls.Count);
        var rows = await h.Audit.ListAsync(ws.Id, 100, CancellationToken.None);
        Assert.Equal(4, rows.Count);
        Assert.All(rows, r => Assert.Equal("rec_read", r.Tool));
        Assert.Equal(1, rows.Count(r => r.Status == AuditStatus.RateLimited));
    }

    [Fact]
    public async Task CallTool_InvalidOwnArguments_AreRefusedUnderCallTool_AndNothingRuns()
    {
        await using var h = await PipelineHarness.CreateAsync();
        var ws = await DiscoveryWorkspaceAsync(h);
        await h.ConnectorAsync(ws);

        var missingName = await h.CallAsync(ws, "call_tool", """{"arguments":{}}""");
        var notAnObject = await h.CallAsync(ws, "call_tool", """{"name":"rec_read","arguments":"all"}""");
        var extra = await h.CallAsync(ws, "call_tool", """{"name":"rec_read","workspace":"other"}""");

        Assert.All([missingName, notAnObject, extra], o =>
        {
            Assert.True(o.IsError);
            Assert.StartsWith("Invalid arguments for call_tool:", o.Text, StringComparison.Ordinal);
        });
        Assert.Empty(h.Recorder.Calls);
        var rows = await h.Audit.ListAsync(ws.Id, 100, CancellationToken.None);
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal(("call_tool", AuditStatus.Rejected, "invalid_arguments"), (r.Tool, r.Status, r.ErrorCode)));
    }

    [Fact]
    public async Task DiscoveryTools_ExistOnlyInDiscoveryMode_AndConnectorToolsInBoth()
    {
        await using var h = await PipelineHarness.CreateAsync();
        var ws = await h.WorkspaceAsync("acme");
        await h.ConnectorAsync(ws);

        var inAll = await h.CallAsync(ws, "call_tool", """{"name":"rec_read"}""");
        var search = await h.CallAsync(ws, "search_tools", """{"query":"read"}""");
        await h.Services.GetRequiredService<IWorkspaceStore>().SetToolModeAsync(ws.Id, ToolMode.Discovery, OperatorActor.Cli("test"), CancellationToken.None);
        var inDiscovery = await h.CallAsync(ws, "call_tool", """{"name":"rec_read"}""");
        var direct = await h.CallAsync(ws, "rec_read");

        Assert.True(inAll.IsUnknownTool);
        Assert.True(search.IsUnknownTool);
        Assert.False(inDiscovery.IsError, inDiscovery.Text);
        Assert.False(direct.IsError, direct.Text);
        Assert.Equal(2, h.Recorder.Calls.Count);
    }

    private static async Task<Workspace> DiscoveryWorkspaceAsync(PipelineHarness h)
    {
        var ws = await h.WorkspaceAsync("acme");
        return await h.Services.GetRequiredService<IWorkspaceStore>().SetToolModeAsync(ws.Id, ToolMode.Discovery, OperatorActor.Cli("test"), CancellationToken.None);
    }
}
