using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Storage.Tests.Backends;

namespace Connectors.Mcp.Storage.Tests.Contracts;

public abstract class AuditQueryContract(StorageBackend backend)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [SkippableFact]
    public async Task QueryAsync_EachFilter_MatchesOnlyItsRows_NewestFirst()
    {
        await using var storage = await backend.CreateAsync();
        var acme = await storage.CreateWorkspaceAsync("acme");
        var globex = await storage.CreateWorkspaceAsync("globex");
        var a = await RecordAsync(storage, acme.Id, "con_a", "gmail_send_email", AuditStatus.PendingApproval, "apr_1");
        storage.Time.Advance(TimeSpan.FromMinutes(1));
        var b = await RecordAsync(storage, acme.Id, "con_a", "gmail_search_inbox", AuditStatus.Succeeded);
        storage.Time.Advance(TimeSpan.FromMinutes(1));
        var c = await RecordAsync(storage, acme.Id, "con_b", "cal_list_events", AuditStatus.Failed);
        storage.Time.Advance(TimeSpan.FromMinutes(1));
        var d = await RecordAsync(storage, acme.Id, "con_a", "gmail_send_email", AuditStatus.Succeeded, "apr_1");
        await RecordAsync(storage, globex.Id, "con_g", "gmail_send_email", AuditStatus.Succeeded);

        Assert.Equal([d, c, b, a], await IdsAsync(storage, new AuditQuery(acme.Id)));
        Assert.Equal([d, b, a], await IdsAsync(storage, new AuditQuery(acme.Id) { ConnectorId = "con_a" }));
        Assert.Equal([d, a], await IdsAsync(storage, new AuditQuery(acme.Id) { Tool = "gmail_send_email" }));
        Assert.Equal([d, b], await IdsAsync(storage, new AuditQuery(acme.Id) { Status = AuditStatus.Succeeded }));
        Assert.Equal([a], await IdsAsync(storage, new AuditQuery(acme.Id) { ApprovalId = "apr_1", Status = AuditStatus.PendingApproval }));
        Assert.Equal([c, b], await IdsAsync(storage, new AuditQuery(acme.Id) { Since = TestStores.Start.AddMinutes(1), Until = TestStores.Start.AddMinutes(3) }));
        Assert.Equal([b, a], await IdsAsync(storage, new AuditQuery(acme.Id) { BeforeId = c }));
        Assert.Equal([d, c], await IdsAsync(storage, new AuditQuery(acme.Id) { Limit = 2 }));
        Assert.Equal([b], await IdsAsync(storage, new AuditQuery(acme.Id) { ConnectorId = "con_a", Status = AuditStatus.Succeeded, BeforeId = d }));
        Assert.Empty(await IdsAsync(storage, new AuditQuery(acme.Id) { Tool = "nope" }));
    }

    [SkippableFact]
    public async Task QueryAsync_ReturnsTheWholeEntry()
    {
        await using var storage = await backend.CreateAsync();
        var acme = await storage.CreateWorkspaceAsync("acme");
        await RecordAsync(storage, acme.Id, "con_a", "gmail_send_email", AuditStatus.PendingApproval, "apr_9");

        var entry = Assert.Single(await storage.Audit.QueryAsync(new AuditQuery(acme.Id), None));

        Assert.Equal(Assert.Single(await storage.Audit.ListAsync(acme.Id, 10, None)), entry);
        Assert.Equal("claude 1.0", entry.Caller);
        Assert.Equal("apr_9", entry.ApprovalId);
        Assert.Equal(1L, entry.Sequence);
    }

    [SkippableTheory]
    [InlineData(0)]
    [InlineData(AuditQuery.MaxLimit + 1)]
    public async Task QueryAsync_LimitOutOfRange_Throws(int limit)
    {
        await using var storage = await backend.CreateAsync();
        var acme = await storage.CreateWorkspaceAsync("acme");

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => storage.Audit.QueryAsync(new AuditQuery(acme.Id) { Limit = limit }, None));
    }

    [SkippableFact]
    public async Task Migration_AddsTheApprovalAndToolIndexes()
    {
        await using var storage = await backend.CreateAsync();

        var indexes = storage.Backend == "sqlite"
            ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name IN ('connector_actions_approval', 'connector_actions_tool');"
            : "SELECT COUNT(*) FROM pg_indexes WHERE schemaname = current_schema() AND indexname IN ('connector_actions_approval', 'connector_actions_tool');";
        Assert.Equal(2L, await storage.ScalarRawAsync(indexes));
    }

    private static async Task<long[]> IdsAsync(TestStores storage, AuditQuery query) =>
        (await storage.Audit.QueryAsync(query, None)).Select(e => e.Id).ToArray();

    private static Task<long> RecordAsync(TestStores storage, string workspaceId, string connectorId, string tool, AuditStatus status, string? approvalId = null)
    {
        var now = storage.Time.GetUtcNow();
        return storage.Audit.RecordAsync(
            new AuditIntent(workspaceId, connectorId, tool, tool, "{}", "hash", approvalId, "claude 1.0", now),
            new AuditCompletion(status, now, ApprovalId: approvalId),
            None);
    }
}
