using Connectors.Mcp.Core.Storage;

namespace Connectors.Mcp.Storage.Sqlite.Tests;

/// <summary>
/// <see cref="SqliteAuditLog.RecordAsync"/> writes its final row with one insert (the id known beforehand) instead of
/// inserting a started row and completing it: the rows, ids and chain must be what the two-step path gives.
/// </summary>
public sealed class SqliteAuditLogRecordTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    // Every stored column but the ones that differ between two rows of the same call: id, seq, prev_hash, hash.
    private const string CallColumns =
        "workspace_id, connector_id, tool, action, status, error_code, error_message, arguments_json, arguments_hash, approval_id, decision, caller, started_at, finished_at, duration_ms, owner";

    [Fact]
    public async Task RecordAsync_SameCallAsBeginThenComplete_StoresTheSameRow()
    {
        using var storage = await TestStorage.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();

        // Sub-millisecond instants, an error message over the stored limit and an approval id given only at completion:
        // everything the completion step derives.
        var intent = Intent(workspace.Id) with { StartedAt = TestStorage.Start.AddTicks(5_678) };
        var completion = new AuditCompletion(AuditStatus.Failed, TestStorage.Start.AddTicks(12_504_321), "provider_error", new string('x', 1500), "apr_9", "approved");
        var twoStep = await storage.Audit.BeginAsync(intent, None);
        await storage.Audit.CompleteAsync(twoStep, completion, None);
        var oneStep = await storage.Audit.RecordAsync(intent, completion, None);

        Assert.Equal(twoStep + 1, oneStep);
        Assert.Equal(Columns(storage, twoStep), Columns(storage, oneStep));
        Assert.Equal(1250L, storage.ScalarRaw("SELECT duration_ms FROM connector_actions WHERE id = $id;", ("$id", oneStep)));
        Assert.Equal(new AuditVerification(true, 2, null, null, 0), await storage.Audit.VerifyAsync(workspace.Id, None));
    }

    [Fact]
    public async Task RecordAsync_InterleavedWithBeginAndComplete_ChainVerifiesAndHeadIsTheNewestRow()
    {
        using var storage = await TestStorage.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var other = await storage.CreateWorkspaceAsync("other");

        var open = await storage.Audit.BeginAsync(Intent(workspace.Id), None); // completed last: chained after the rows recorded meanwhile
        var recorded = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            recorded.Add(await storage.Audit.RecordAsync(Intent(i % 2 == 0 ? workspace.Id : other.Id), Done($"record {i}"), None));
            var begun = await storage.Audit.BeginAsync(Intent(workspace.Id), None);
            await storage.Audit.CompleteAsync(begun, Done($"call {i}"), None);
        }

        await storage.Audit.CompleteAsync(open, Done("open"), None);
        var last = await storage.Audit.RecordAsync(Intent(workspace.Id), Done("last"), None);

        Assert.Equal(new AuditVerification(true, 3 + 5 + 1 + 1, null, null, 0), await storage.Audit.VerifyAsync(workspace.Id, None));
        Assert.Equal(new AuditVerification(true, 2, null, null, 0), await storage.Audit.VerifyAsync(other.Id, None));
        Assert.Equal(last, storage.ScalarRaw("SELECT row_id FROM audit_chain_heads WHERE workspace_id = $w;", ("$w", workspace.Id)));
        Assert.Equal(recorded[^2], storage.ScalarRaw("SELECT row_id FROM audit_chain_heads WHERE workspace_id = $w;", ("$w", other.Id)));
        var entries = await storage.Audit.ListAsync(workspace.Id, 100, None);
        Assert.Equal(entries.Select(e => e.Id).Order(), entries.Select(e => e.Id).Distinct().Order());
    }

    [Fact]
    public async Task RecordAsync_AfterTheNewestRowWasDeleted_NeverReusesItsId()
    {
        using var storage = await TestStorage.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        await storage.Audit.RecordAsync(Intent(workspace.Id), Done("first"), None);
        var abandoned = await storage.Audit.BeginAsync(Intent(workspace.Id), None);
        storage.ExecuteRaw("DELETE FROM connector_actions WHERE id = $id;", ("$id", abandoned)); // a started row, not chained

        var recorded = await storage.Audit.RecordAsync(Intent(workspace.Id), Done("second"), None);
        var begun = await storage.Audit.BeginAsync(Intent(workspace.Id), None);

        // As AUTOINCREMENT numbers them: past every id ever used, and the next automatic id follows the chosen one.
        Assert.Equal(abandoned + 1, recorded);
        Assert.Equal(recorded + 1, begun);
        Assert.Equal(recorded + 1, storage.ScalarRaw("SELECT seq FROM sqlite_sequence WHERE name = 'connector_actions';"));
        Assert.True((await storage.Audit.VerifyAsync(workspace.Id, None)).Intact);
    }

    [Fact]
    public async Task RecordAsync_FirstRowOfAFreshDatabase_GetsIdOne()
    {
        using var storage = await TestStorage.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();

        Assert.Equal(1L, await storage.Audit.RecordAsync(Intent(workspace.Id), Done("first"), None));
        Assert.Equal(2L, await storage.Audit.BeginAsync(Intent(workspace.Id), None));
    }

    [Fact]
    public async Task RecordAsync_UnknownWorkspace_ThrowsTheSameNotFoundAsBeginAndWritesNothing()
    {
        using var storage = await TestStorage.CreateAsync();

        var recorded = await Assert.ThrowsAsync<EntityNotFoundException>(() => storage.Audit.RecordAsync(Intent("ws_missing"), Done("x"), None));
        var begun = await Assert.ThrowsAsync<EntityNotFoundException>(() => storage.Audit.BeginAsync(Intent("ws_missing"), None));

        Assert.Equal(begun.Message, recorded.Message);
        Assert.Contains("ws_missing", recorded.Message, StringComparison.Ordinal);
        Assert.Equal(0L, storage.ScalarRaw("SELECT COUNT(*) FROM connector_actions;"));
        Assert.Equal(0L, storage.ScalarRaw("SELECT COUNT(*) FROM audit_chain_heads;"));
    }

    [Fact]
    public async Task RecordAsync_StartedAsFinalStatus_IsRefusedAndWritesNothing()
    {
        using var storage = await TestStorage.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();

        await Assert.ThrowsAsync<ArgumentException>(() =>
            storage.Audit.RecordAsync(Intent(workspace.Id), new AuditCompletion(AuditStatus.Started, TestStorage.Start), None));

        Assert.Equal(0L, storage.ScalarRaw("SELECT COUNT(*) FROM connector_actions;"));
    }

    private static AuditCompletion Done(string message) => new(AuditStatus.Succeeded, TestStorage.Start.AddMilliseconds(30), ErrorMessage: message);

    private static AuditIntent Intent(string workspaceId) =>
        new(workspaceId, "con_1", "gmail_get_message", "get_message", """{"id":"m1"}""", "abc123", null, "stdio", TestStorage.Start);

    private static string Columns(TestStorage storage, long rowId) =>
        (string)storage.ScalarRaw(
            $"SELECT json_array({CallColumns}) FROM connector_actions WHERE id = $id;", ("$id", rowId))!;
}
