using Connectors.Mcp.Core.Catalog;
using Connectors.Mcp.Core.Pipeline.Approval;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Tests.Catalog;

/// <summary>
/// A connector that publishes only some of its actions (<c>connector set-tools</c>): the others are not tools — not
/// listed, and a call to one is answered and audited exactly like a call to a tool that never existed.
/// </summary>
public sealed class PublishedActionsCatalogTests
{
    private static readonly OperatorActor Operator = OperatorActor.Cli("test");

    [Fact]
    public async Task UnpublishedAction_NotListedAndCalledLikeAnUnknownTool()
    {
        await using var h = await PipelineHarness.CreateAsync();
        var ws = await h.WorkspaceAsync("acme");
        var connector = await h.ConnectorAsync(ws);
        var unknown = await h.CallAsync(ws, "rec_nothing");

        await Store(h).SetPublishedActionsAsync(connector.Id, ["read"], Operator, CancellationToken.None);

        var catalog = await h.Services.GetRequiredService<ToolCatalog>().GetAsync(ws.Id, CancellationToken.None);
        Assert.Equal(["call_tool", "get_approval", "list_connectors", "rec_read", "search_tools"], catalog.Tools.Select(t => t.Name).Order(StringComparer.Ordinal));
        var unpublished = await h.CallAsync(ws, "rec_send", """{"to":"bob@example.com","body":"hi"}""");
        Assert.True(unpublished.IsUnknownTool);
        Assert.Equal(unknown.Text.Replace("rec_nothing", "rec_send", StringComparison.Ordinal), unpublished.Text);
        Assert.Empty(h.Recorder.Calls);
        Assert.Empty(await h.Approvals.ListAsync(ws.Id, null, CancellationToken.None));
        var row = (await h.Audit.ListAsync(ws.Id, 1, CancellationToken.None)).Single();
        Assert.Equal(("rec_send", AuditStatus.Rejected, "unknown_tool"), (row.Tool, row.Status, row.ErrorCode));

        var listed = await h.CallAsync(ws, "list_connectors");
        Assert.Equal(["rec_read"], listed.StructuredContent!["connectors"]![0]!["tools"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.False((await h.CallAsync(ws, "rec_read", """{"query":"hi"}""")).IsError);
    }

    [Fact]
    public async Task PublishAllAgain_TheActionIsATool()
    {
        await using var h = await PipelineHarness.CreateAsync();
        var ws = await h.WorkspaceAsync("acme");
        var connector = await h.ConnectorAsync(ws);
        await Store(h).SetPublishedActionsAsync(connector.Id, ["read"], Operator, CancellationToken.None);
        var catalogs = h.Services.GetRequiredService<ToolCatalog>();
        Assert.Null((await catalogs.GetAsync(ws.Id, CancellationToken.None)).Find("rec_send"));

        await Store(h).SetPublishedActionsAsync(connector.Id, null, Operator, CancellationToken.None);

        Assert.NotNull((await catalogs.GetAsync(ws.Id, CancellationToken.None)).Find("rec_send"));
        var pending = await h.CallAsync(ws, "rec_send", """{"to":"bob@example.com","body":"hi"}""");
        Assert.Equal("pending_approval", pending.StructuredContent!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task ApprovedCall_ToAnActionUnpublishedSince_DoesNotRun()
    {
        await using var h = await PipelineHarness.CreateAsync();
        var ws = await h.WorkspaceAsync("acme");
        var connector = await h.ConnectorAsync(ws);
        var id = (await h.CallAsync(ws, "rec_send", """{"to":"bob@example.com","body":"hi"}""")).StructuredContent!["approval_id"]!.GetValue<string>();
        await Store(h).SetPublishedActionsAsync(connector.Id, ["read"], Operator, CancellationToken.None);
        await h.Approvals.DecideAsync(id, approve: true, "tester", null, CancellationToken.None);

        var report = await h.Services.GetRequiredService<ApprovedActionRunner>().RunAsync(id, CancellationToken.None);

        Assert.Empty(h.Recorder.Calls);
        Assert.Contains("no longer publishes it", report.Text, StringComparison.Ordinal);
        var status = await h.CallAsync(ws, "get_approval", $$"""{"approval_id":"{{id}}"}""");
        Assert.Equal("failed", status.StructuredContent!["status"]!.GetValue<string>());
    }

    private static IConnectorStore Store(PipelineHarness h) => h.Services.GetRequiredService<IConnectorStore>();
}
