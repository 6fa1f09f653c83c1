using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Storage.Tests.Backends;

namespace Connectors.Mcp.Storage.Tests.Contracts;

/// <summary>
/// <see cref="IAuditLog.RecordAsync"/> writes its final row with one insert (the id known beforehand) instead of
/// inserting a started row and completing it: the rows, ids and chain must be what the two-step path gives.
/// </summary>
public abstract class AuditLogRecordContract(StorageBackend backend)
{
    private static readonly CancellationToken None = CancellationToken.None;

    // Every stored column but the ones that differ between two rows of the same call: id, seq, prev_hash, hash.
    private const string CallColumns =
        "workspace_id, connector_id, tool, action, status, error_code, error_message, arguments_json, arguments_hash, approval_id, decision, caller, started_at, finished_at, duration_ms, owner";

    [SkippableFact]
    public async Task RecordAsync_SameCallAsBeginThenComplete_StoresTheSameRow()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();

        // Sub-millisecond instants, an error message over the stored limit and an approval id given only at completion:
        // everything the completion step derives.
        var intent = Intent(workspace.Id) with { StartedAt = TestStores.Start.AddTicks(5_678) };
        var completion = new AuditCompletion(AuditStatus.Failed, TestStores.Start.AddTicks(12_504_321), "provider_error", new string('x', 1500), "apr_9", "approved");
        var twoStep = await storage.Audit.BeginAsync(intent, None);
        await storage.Audit.CompleteAsync(twoStep, completion, None);
        var oneStep = await storage.Audit.RecordAsync(intent, completion, None);

        Assert.Equal(twoStep + 1, oneStep);
        Assert.Equal(await ColumnsAsync(storage, twoStep), await ColumnsAsync(storage, oneStep));
        Assert.Equal(1250L, await storage.ScalarRawAsync("SELECT duration_ms FROM connector_actions WHERE id = @id;", ("@id", oneStep)));
        Assert.Equal(new AuditVerification(true, 2, null, null, 0), await storage.Audit.VerifyAsync(workspace.Id, None));
    }

    [SkippableFact]
    public async Task RecordAsync_InterleavedWithBeginAndComplete_ChainVerifiesAndHeadIsTheNewestRow()
    {
        await using var storage = await backend.CreateAsync();
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
        Assert.Equal(last, await storage.ScalarRawAsync("SELECT row_id FROM audit_chain_heads WHERE workspace_id = @w;", ("@w", workspace.Id)));
        Assert.Equal(recorded[^2], await storage.ScalarRawAsync("SELECT row_id FROM audit_chain_heads WHERE workspace_id = @w;", ("@w", other.Id)));
        var entries = await storage.Audit.ListAsync(workspace.Id, 100, None);
        Assert.Equal(entries.Select(e => e.Id).Order(), entries.Select(e => e.Id).Distinct().Order());
    }

    [SkippableFact]
    public async Task RecordAsync_AfterTheNewestRowWasDeleted_NeverReusesItsId()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        await storage.Audit.RecordAsync(Intent(workspace.Id), Done("first"), None);
        var abandoned = await storage.Audit.BeginAsync(Intent(workspace.Id), None);
        await storage.ExecuteRawAsync("DELETE FROM connector_actions WHERE id = @id;", ("@id", abandoned)); // a started row, not chained

        var recorded = await storage.Audit.RecordAsync(Intent(workspace.Id), Done("second"), None);
        var begun = await storage.Audit.BeginAsync(Intent(workspace.Id), None);

        // As AUTOINCREMENT (or an identity's sequence) numbers them: past every id ever used, and the next automatic id follows the chosen one.
        Assert.Equal(abandoned + 1, recorded);
        Assert.Equal(recorded + 1, begun);
        var lastId = storage.Backend == "sqlite"
            ? "SELECT seq FROM sqlite_sequence WHERE name = 'connector_actions';"
            : "SELECT pg_sequence_last_value(pg_get_serial_sequence('connector_actions', 'id')::regclass);";
        Assert.Equal(recorded + 1, await storage.ScalarRawAsync(lastId));
        Assert.True((await storage.Audit.VerifyAsync(workspace.Id, None)).Intact);
    }

    [SkippableFact]
    public async Task RecordAsync_FirstRowOfAFreshDatabase_GetsIdOne()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();

        Assert.Equal(1L, await storage.Audit.RecordAsync(Intent(workspace.Id), Done("first"), None));
        Assert.Equal(2L, await storage.Audit.BeginAsync(Intent(workspace.Id), None));
    }

    [SkippableFact]
    public async Task RecordAsync_UnknownWorkspace_ThrowsTheSameNotFoundAsBeginAndWritesNothing()
    {
        await using var storage = await backend.CreateAsync();

        var recorded = await Assert.ThrowsAsync<EntityNotFoundException>(() => storage.Audit.RecordAsync(Intent("ws_missing"), Done("x"), None));
        var begun = await Assert.ThrowsAsync<EntityNotFoundException>(() => storage.Audit.BeginAsync(Intent("ws_missing"), None));

        Assert.Equal(begun.Message, recorded.Message);
        Assert.Contains("ws_missing", recorded.Message, StringComparison.Ordinal);
        Assert.Equal(0L, await storage.ScalarRawAsync("SELECT COUNT(*) FROM connector_actions;"));
        Assert.Equal(0L, await storage.ScalarRawAsync("SELECT COUNT(*) FROM audit_chain_heads;"));
    }

    [SkippableFact]
    public async Task RecordAsync_StartedAsFinalStatus_IsRefusedAndWritesNothing()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();

        await Assert.ThrowsAsync<ArgumentException>(() =>
            storage.Audit.RecordAsync(Intent(workspace.Id), new AuditCompletion(AuditStatus.Started, TestStores.Start), None));

        Assert.Equal(0L, await storage.ScalarRawAsync("SELECT COUNT(*) FROM connector_actions;"));
    }

    private static AuditCompletion Done(string message) => new(AuditStatus.Succeeded, TestStores.Start.AddMilliseconds(30), ErrorMessage: message);

    private static AuditIntent Intent(string workspaceId) =>
        new(workspaceId, "con_1", "gmail_get_message", "get_message", """{"id":"m1"}""", "abc123", null, "stdio", TestStores.Start);

    /// <summary>The call's columns as one text (each as text, NULL as <c>~</c>), in SQL both backends accept.</summary>
    private static async Task<string> ColumnsAsync(TestStores storage, long rowId) =>
        (string)(await storage.ScalarRawAsync(
            $"SELECT {string.Join(" || '|' || ", CallColumns.Split(", ").Select(c => $"COALESCE(CAST({c} AS TEXT), '~')"))} FROM connector_actions WHERE id = @id;",
            ("@id", rowId)))!;
}
