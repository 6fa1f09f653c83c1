using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Storage.Tests.Backends;

namespace Connectors.Mcp.Storage.Tests.Contracts;

public abstract class WorkspaceWatermarksContract(StorageBackend backend)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [SkippableFact]
    public async Task ReadAsync_ApprovalCreatedDecidedAndExpired_EachMovesOnlyThatWorkspacesApprovalMark()
    {
        await using var storage = await backend.CreateAsync();
        var acme = await storage.CreateWorkspaceAsync("acme");
        var globex = await storage.CreateWorkspaceAsync("globex");
        var marks = (await storage.OpenAnotherInstanceAsync()).Watermarks;

        var empty = await ReadAsync(marks, storage);
        var decided = await storage.Approvals.CreateAsync(NewApproval(acme.Id), None);
        var created = await ReadAsync(marks, storage);
        await storage.Approvals.DecideAsync(decided.Id, false, "admin:test", null, None);
        var afterDecision = await ReadAsync(marks, storage);
        await storage.Approvals.CreateAsync(NewApproval(acme.Id, TimeSpan.FromMinutes(5)), None);
        var second = await ReadAsync(marks, storage);
        storage.Time.Advance(TimeSpan.FromMinutes(5));
        var expired = await ReadAsync(marks, storage);

        Assert.NotEqual(empty["acme"].Approvals, created["acme"].Approvals);
        Assert.NotEqual(created["acme"].Approvals, afterDecision["acme"].Approvals);
        Assert.NotEqual(afterDecision["acme"].Approvals, second["acme"].Approvals);
        Assert.NotEqual(second["acme"].Approvals, expired["acme"].Approvals);
        Assert.Equal(empty["globex"], expired["globex"]);
        Assert.Equal(globex.Id, expired["globex"].WorkspaceId);
    }

    [SkippableFact]
    public async Task ReadAsync_ApprovedButNeverRunPastItsExpiry_MovesTheMarkBeforeAnyoneReadsIt()
    {
        await using var storage = await backend.CreateAsync();
        var acme = await storage.CreateWorkspaceAsync("acme");
        var marks = (await storage.OpenAnotherInstanceAsync()).Watermarks;
        var approval = await storage.Approvals.CreateAsync(NewApproval(acme.Id, TimeSpan.FromMinutes(5)), None);
        await storage.Approvals.DecideAsync(approval.Id, true, "admin:test", null, None);

        var approved = await ReadAsync(marks, storage);
        storage.Time.Advance(TimeSpan.FromMinutes(5));
        var expired = await ReadAsync(marks, storage);

        Assert.NotEqual(approved["acme"].Approvals, expired["acme"].Approvals);
    }

    [SkippableFact]
    public async Task ReadAsync_ConnectorErrorAndAuditRow_MoveTheirMarks()
    {
        await using var storage = await backend.CreateAsync();
        var acme = await storage.CreateWorkspaceAsync("acme");
        var connector = await storage.Connectors.AddAsync(acme.Id, "gmail", "gmail", new Dictionary<string, string>(), None);
        var marks = storage.Watermarks;

        var before = await ReadAsync(marks, storage);
        await storage.Connectors.RecordConnectorErrorAsync(connector.Id, "Gmail answered 500.", 3, None);
        var afterError = await ReadAsync(marks, storage);
        var rowId = await storage.Audit.RecordAsync(
            new AuditIntent(acme.Id, connector.Id, "gmail_search_inbox", "search_inbox", "{}", null, null, null, storage.Time.GetUtcNow()),
            new AuditCompletion(AuditStatus.Failed, storage.Time.GetUtcNow()), None);
        var afterAudit = await ReadAsync(marks, storage);

        Assert.NotEqual(before["acme"].Connectors, afterError["acme"].Connectors);
        Assert.Equal(0L, afterError["acme"].LastAuditId);
        Assert.Equal(rowId, afterAudit["acme"].LastAuditId);
        Assert.Equal(afterError["acme"].Approvals, afterAudit["acme"].Approvals);
    }

    private static async Task<Dictionary<string, WorkspaceWatermark>> ReadAsync(IWorkspaceWatermarks marks, TestStores storage) =>
        (await marks.ReadAsync(storage.Time.GetUtcNow(), None)).ToDictionary(m => m.Slug);

    private static NewApproval NewApproval(string workspaceId, TimeSpan? lifetime = null) =>
        new(workspaceId, "con_1", "gmail_send_email", "send_email", """{"to":["a@b.example"]}""", Guid.NewGuid().ToString("N"), "Send mail", lifetime ?? TimeSpan.FromHours(24));
}
