using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Storage.Tests.Backends;

namespace Connectors.Mcp.Storage.Tests.Contracts;

/// <summary>
/// <see cref="IApprovalStore.ListPageAsync"/> and <see cref="IApprovalStore.CountByWorkspaceAsync"/>: the
/// inbox pages through every approval of every workspace, and says how many each workspace has, so a busy workspace
/// cannot hide a quiet one's.
/// </summary>
public abstract class ApprovalPagingContract(StorageBackend backend)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [SkippableFact]
    public async Task ListPageAsync_PagedByBeforeId_ReturnsEveryApprovalOnce_NewestFirst_AcrossWorkspaces()
    {
        await using var storage = await backend.CreateAsync();
        var busy = await storage.CreateWorkspaceAsync("busy");
        var quiet = await storage.CreateWorkspaceAsync("quiet");
        var created = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            // Two per instant: the id breaks the tie, so the order is total and no page repeats or skips one.
            created.Add((await storage.Approvals.CreateAsync(NewApproval(busy.Id, i), None)).Id);
            created.Add((await storage.Approvals.CreateAsync(NewApproval(i == 3 ? quiet.Id : busy.Id, 100 + i), None)).Id);
            storage.Time.Advance(TimeSpan.FromSeconds(1));
        }

        var seen = new List<ApprovalRecord>();
        string? before = null;
        var pages = 0;
        do
        {
            var page = await storage.Approvals.ListPageAsync(new ApprovalPageQuery { Status = ApprovalStatus.Pending, BeforeId = before, Limit = 3 }, None);
            seen.AddRange(page.Approvals);
            before = page.NextBeforeId;
            pages++;
        }
        while (before is not null);

        Assert.Equal(5, pages); // 14 approvals, 3 a page: the last page has 2 and says there is no next one
        Assert.Equal(created.Order(StringComparer.Ordinal), seen.Select(a => a.Id).Order(StringComparer.Ordinal));
        Assert.Equal(
            seen.OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id, StringComparer.Ordinal).Select(a => a.Id),
            seen.Select(a => a.Id));
        var quietOnly = await storage.Approvals.ListPageAsync(new ApprovalPageQuery { WorkspaceId = quiet.Id, Status = ApprovalStatus.Pending, Limit = 3 }, None);
        Assert.Equal([created[7]], quietOnly.Approvals.Select(a => a.Id));
        Assert.Null(quietOnly.NextBeforeId);
    }

    [SkippableFact]
    public async Task ListPageAsync_StatusFilter_ReportsAndPersistsOverduePendingAsExpired()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var old = await storage.Approvals.CreateAsync(NewApproval(workspace.Id, 1) with { Lifetime = TimeSpan.FromHours(1) }, None);
        var fresh = await storage.Approvals.CreateAsync(NewApproval(workspace.Id, 2), None);
        storage.Time.Advance(TimeSpan.FromHours(2));

        var pending = await storage.Approvals.ListPageAsync(new ApprovalPageQuery { Status = ApprovalStatus.Pending }, None);
        var all = await storage.Approvals.ListPageAsync(new ApprovalPageQuery(), None);

        Assert.Equal([fresh.Id], pending.Approvals.Select(a => a.Id));
        Assert.Equal(ApprovalStatus.Expired, all.Approvals.Single(a => a.Id == old.Id).Status);
        Assert.Equal("expired", await storage.ScalarRawAsync("SELECT status FROM approvals WHERE id = @id;", ("@id", old.Id)));
    }

    [SkippableFact]
    public async Task ListPageAsync_LimitOutOfRange_Throws()
    {
        await using var storage = await backend.CreateAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => storage.Approvals.ListPageAsync(new ApprovalPageQuery { Limit = 0 }, None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => storage.Approvals.ListPageAsync(new ApprovalPageQuery { Limit = ApprovalPageQuery.MaxLimit + 1 }, None));
    }

    [SkippableFact]
    public async Task CountByWorkspaceAsync_CountsTheStatusAsReported_PerWorkspace()
    {
        await using var storage = await backend.CreateAsync();
        var busy = await storage.CreateWorkspaceAsync("busy");
        var quiet = await storage.CreateWorkspaceAsync("quiet");
        await storage.CreateWorkspaceAsync("empty");
        for (var i = 0; i < 5; i++)
        {
            await storage.Approvals.CreateAsync(NewApproval(busy.Id, i), None);
        }

        var denied = await storage.Approvals.CreateAsync(NewApproval(busy.Id, 10), None);
        await storage.Approvals.DecideAsync(denied.Id, approve: false, "cli", null, None);
        await storage.Approvals.CreateAsync(NewApproval(busy.Id, 11) with { Lifetime = TimeSpan.FromMinutes(1) }, None);
        await storage.Approvals.CreateAsync(NewApproval(quiet.Id, 20), None);
        storage.Time.Advance(TimeSpan.FromMinutes(2));

        var pending = await storage.Approvals.CountByWorkspaceAsync(ApprovalStatus.Pending, None);
        var expired = await storage.Approvals.CountByWorkspaceAsync(ApprovalStatus.Expired, None);
        var all = await storage.Approvals.CountByWorkspaceAsync(null, None);

        Assert.Equal(new Dictionary<string, int> { [busy.Id] = 5, [quiet.Id] = 1 }, pending);
        Assert.Equal(new Dictionary<string, int> { [busy.Id] = 1 }, expired);
        Assert.Equal(new Dictionary<string, int> { [busy.Id] = 7, [quiet.Id] = 1 }, all);
    }

    private static NewApproval NewApproval(string workspaceId, int n) =>
        new(workspaceId, "con_x", "gmail_send_email", "send_email", $$"""{"to":["bob@example.com"],"subject":"n{{n}}"}""", $"hash-{n}", $"Send n{n}", TimeSpan.FromHours(24));
}
