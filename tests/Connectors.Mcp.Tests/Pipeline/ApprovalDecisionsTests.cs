using Connectors.Mcp.Core.Pipeline.Approval;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Tests.Pipeline;

/// <summary>A person's decision, wherever it is made, and what the audit log keeps of it.</summary>
public sealed class ApprovalDecisionsTests
{
    [Fact]
    public async Task Deny_WritesTheCallsFinalAuditRow_WithWhoAndWhy_ContentRedacted_ChainIntact()
    {
        await using var h = await PipelineHarness.CreateAsync();
        var ws = await h.WorkspaceAsync("acme");
        await h.ConnectorAsync(ws);
        var pending = await h.CallAsync(ws, "rec_send", """{"to":"bob@example.com","body":"the secret body"}""");
        var id = pending.StructuredContent!["approval_id"]!.GetValue<string>();

        var denied = await h.Services.GetRequiredService<ApprovalDecisions>().DecideAsync(id, approve: false, "admin:ops", "not to external people", CancellationToken.None);

        Assert.Equal(ApprovalStatus.Denied, denied.Status);
        Assert.Empty(h.Recorder.Calls);
        var rows = await h.Audit.ListAsync(ws.Id, 10, CancellationToken.None);
        Assert.Equal([AuditStatus.Denied, AuditStatus.PendingApproval], rows.Select(r => r.Status));
        var row = rows[0];
        Assert.Equal(id, row.ApprovalId);
        Assert.Equal("rec_send", row.Tool);
        Assert.Equal("denied_by_approver", row.ErrorCode);
        Assert.Equal("denied:admin:ops", row.Decision);
        Assert.Equal("Denied by admin:ops: not to external people", row.ErrorMessage);
        Assert.Equal(rows[1].ArgumentsJson, row.ArgumentsJson);
        Assert.Equal(rows[1].ArgumentsHash, row.ArgumentsHash);
        Assert.DoesNotContain("the secret body", row.ArgumentsJson, StringComparison.Ordinal);
        Assert.True((await h.Audit.VerifyAsync(ws.Id, CancellationToken.None)).Intact);
    }

    [Fact]
    public async Task Approve_RecordsOnlyTheDecision_TheRunWritesTheRows()
    {
        await using var h = await PipelineHarness.CreateAsync();
        var ws = await h.WorkspaceAsync("acme");
        await h.ConnectorAsync(ws);
        var pending = await h.CallAsync(ws, "rec_send", """{"to":"bob@example.com","body":"hi"}""");
        var id = pending.StructuredContent!["approval_id"]!.GetValue<string>();

        var approved = await h.Services.GetRequiredService<ApprovalDecisions>().DecideAsync(id, approve: true, "admin:ops", null, CancellationToken.None);

        Assert.Equal(ApprovalStatus.Approved, approved.Status);
        Assert.Equal([AuditStatus.PendingApproval], (await h.Audit.ListAsync(ws.Id, 10, CancellationToken.None)).Select(r => r.Status));
    }

    [Fact]
    public async Task Deny_TwiceOrAfterApproval_IsRefused_AndWritesNoSecondRow()
    {
        await using var h = await PipelineHarness.CreateAsync();
        var ws = await h.WorkspaceAsync("acme");
        await h.ConnectorAsync(ws);
        var pending = await h.CallAsync(ws, "rec_send", """{"to":"bob@example.com","body":"hi"}""");
        var id = pending.StructuredContent!["approval_id"]!.GetValue<string>();
        var decisions = h.Services.GetRequiredService<ApprovalDecisions>();
        await decisions.DecideAsync(id, approve: false, "admin:ops", null, CancellationToken.None);

        await Assert.ThrowsAsync<InvalidStateException>(() => decisions.DecideAsync(id, approve: false, "admin:ops", null, CancellationToken.None));
        await Assert.ThrowsAsync<InvalidStateException>(() => decisions.DecideAsync(id, approve: true, "admin:ops", null, CancellationToken.None));

        var rows = await h.Audit.ListAsync(ws.Id, 10, CancellationToken.None);
        Assert.Single(rows, r => r.Status == AuditStatus.Denied);
        Assert.Equal("Denied by admin:ops.", rows[0].ErrorMessage);
    }
}
