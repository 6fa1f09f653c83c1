using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Core.Storage.Persistence;
using Connectors.Mcp.Storage.Tests.Backends;

namespace Connectors.Mcp.Storage.Tests.Contracts;

public abstract class AuditLogContract(StorageBackend backend)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [SkippableFact]
    public async Task BeginAsync_Intent_IsCommittedAsStartedBeforeReturning()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();

        var rowId = await storage.Audit.BeginAsync(Intent(workspace.Id), None);

        // Read through an unrelated connection: the row is committed, not just visible to the writer.
        Assert.Equal("started", await storage.ScalarRawAsync("SELECT status FROM connector_actions WHERE id = @id;", ("@id", rowId)));
        Assert.Null(await storage.ScalarRawAsync("SELECT seq FROM connector_actions WHERE id = @id;", ("@id", rowId)));
    }

    [SkippableFact]
    public async Task CompleteAsync_StartedRow_MakesItFinalAndChainsIt()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var rowId = await storage.Audit.BeginAsync(Intent(workspace.Id), None);

        await storage.Audit.CompleteAsync(rowId, new AuditCompletion(AuditStatus.Failed, TestStores.Start.AddMilliseconds(1250), "provider_error", "Gmail answered 500."), None);

        var entry = Assert.Single(await storage.Audit.ListAsync(workspace.Id, 10, None));
        Assert.Equal(AuditStatus.Failed, entry.Status);
        Assert.Equal("provider_error", entry.ErrorCode);
        Assert.Equal("Gmail answered 500.", entry.ErrorMessage);
        Assert.Equal(TestStores.Start.AddMilliseconds(1250), entry.FinishedAt);
        Assert.Equal(1L, entry.Sequence);
        Assert.Equal(AuditChainHash.Genesis, entry.PreviousHash);
        Assert.Matches("^[0-9a-f]{64}$", entry.Hash);
        Assert.Equal(1250L, await storage.ScalarRawAsync("SELECT duration_ms FROM connector_actions;"));
        Assert.Equal(entry.Hash, await storage.ScalarRawAsync("SELECT hash FROM audit_chain_heads;"));
    }

    [SkippableFact]
    public async Task CompleteAsync_RowAlreadyFinal_ThrowsInvalidState()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var rowId = await storage.Audit.BeginAsync(Intent(workspace.Id), None);
        await storage.Audit.CompleteAsync(rowId, new AuditCompletion(AuditStatus.Succeeded, TestStores.Start), None);

        var error = await Assert.ThrowsAsync<InvalidStateException>(() =>
            storage.Audit.CompleteAsync(rowId, new AuditCompletion(AuditStatus.Failed, TestStores.Start), None));

        Assert.Contains("already final (succeeded)", error.Message, StringComparison.Ordinal);
        Assert.True((await storage.Audit.VerifyAsync(workspace.Id, None)).Intact);
    }

    [SkippableFact]
    public async Task CompleteAsync_UnknownRow_ThrowsEntityNotFound()
    {
        await using var storage = await backend.CreateAsync();

        await Assert.ThrowsAsync<EntityNotFoundException>(() =>
            storage.Audit.CompleteAsync(42, new AuditCompletion(AuditStatus.Succeeded, TestStores.Start), None));
    }

    [SkippableFact]
    public async Task RecordAsync_FinalAtOnce_IsChainedWithApprovalAndDecision()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();

        await storage.Audit.RecordAsync(Intent(workspace.Id), new AuditCompletion(AuditStatus.PendingApproval, TestStores.Start, ApprovalId: "apr_1", Decision: "queued"), None);

        var entry = Assert.Single(await storage.Audit.ListAsync(workspace.Id, 10, None));
        Assert.Equal(AuditStatus.PendingApproval, entry.Status);
        Assert.Equal("apr_1", entry.ApprovalId);
        Assert.Equal("queued", entry.Decision);
        Assert.Equal(1L, entry.Sequence);
    }

    [SkippableFact]
    public async Task ListAsync_ManyRows_NewestFirstUpToLimit()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var ids = await RecordRowsAsync(storage, workspace.Id, 5);

        var entries = await storage.Audit.ListAsync(workspace.Id, 3, None);

        Assert.Equal(ids.AsEnumerable().Reverse().Take(3), entries.Select(e => e.Id));
    }

    [SkippableFact]
    public async Task VerifyAsync_UntouchedChain_IsIntactAndCountsUnfinishedRows()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        await RecordRowsAsync(storage, workspace.Id, 4);
        await storage.Audit.BeginAsync(Intent(workspace.Id), None);
        var inFlight = await storage.Audit.BeginAsync(Intent(workspace.Id), None);
        await RecordRowsAsync(storage, workspace.Id, 2);
        await storage.Audit.CompleteAsync(inFlight, new AuditCompletion(AuditStatus.Succeeded, TestStores.Start), None);

        var result = await storage.Audit.VerifyAsync(workspace.Id, None);

        Assert.Equal(new AuditVerification(true, 7, null, null, 1), result);
    }

    [SkippableFact]
    public async Task VerifyAsync_EmptyWorkspace_IsIntact()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();

        Assert.Equal(new AuditVerification(true, 0, null, null, 0), await storage.Audit.VerifyAsync(workspace.Id, None));
    }

    [SkippableTheory]
    [InlineData("tool", "'gmail_list_labels'")]
    [InlineData("status", "'failed'")]
    [InlineData("arguments_json", "'{\"query\":\"edited\"}'")]
    [InlineData("error_message", "'nothing happened'")]
    [InlineData("caller", "'someone-else'")]
    [InlineData("started_at", "'2026-02-06T11:00:00.000Z'")]
    [InlineData("duration_ms", "0")]
    [InlineData("connector_id", "NULL")]
    public async Task VerifyAsync_FieldEdited_ReportsThatRow(string column, string value)
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var ids = await RecordRowsAsync(storage, workspace.Id, 5);

        Assert.Equal(1, await storage.ExecuteRawAsync($"UPDATE connector_actions SET {column} = {value} WHERE id = @id;", ("@id", ids[2])));

        var result = await storage.Audit.VerifyAsync(workspace.Id, None);
        Assert.False(result.Intact);
        Assert.Equal(ids[2], result.FirstBadRowId);
        Assert.Contains("altered", result.Problem, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task VerifyAsync_RowEditedAndItsHashRecomputed_ReportsTheNextRow()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var ids = await RecordRowsAsync(storage, workspace.Id, 5);

        // A careful forger rewrites the row and its hash; the next row still links to the old hash.
        await storage.ExecuteRawAsync("UPDATE connector_actions SET error_message = 'forged' WHERE id = @id;", ("@id", ids[2]));
        var forged = await ReadContentAsync(storage, ids[2]);
        await storage.ExecuteRawAsync("UPDATE connector_actions SET hash = @hash WHERE id = @id;", ("@hash", AuditChainHash.Compute(forged.PreviousHash, forged.Content)), ("@id", ids[2]));

        var result = await storage.Audit.VerifyAsync(workspace.Id, None);
        Assert.False(result.Intact);
        Assert.Equal(ids[3], result.FirstBadRowId);
        Assert.Contains("does not link", result.Problem, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task VerifyAsync_MiddleRowDeleted_ReportsTheRowAfterTheGap()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var ids = await RecordRowsAsync(storage, workspace.Id, 5);

        await storage.ExecuteRawAsync("DELETE FROM connector_actions WHERE id = @id;", ("@id", ids[2]));

        var result = await storage.Audit.VerifyAsync(workspace.Id, None);
        Assert.False(result.Intact);
        Assert.Equal(ids[3], result.FirstBadRowId);
        Assert.Equal(3, result.RowsChecked);
        Assert.Contains("sequence 3 is missing", result.Problem, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task VerifyAsync_NewestRowDeleted_ReportsTheDeletedRow()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var ids = await RecordRowsAsync(storage, workspace.Id, 5);

        await storage.ExecuteRawAsync("DELETE FROM connector_actions WHERE id = @id;", ("@id", ids[4]));

        var result = await storage.Audit.VerifyAsync(workspace.Id, None);
        Assert.False(result.Intact);
        Assert.Equal(ids[4], result.FirstBadRowId);
        Assert.Contains("newest row is missing", result.Problem, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task VerifyAsync_AllRowsAndHeadDeletedAfterNewRow_ReportsBrokenStart()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var ids = await RecordRowsAsync(storage, workspace.Id, 3);

        await storage.ExecuteRawAsync("DELETE FROM connector_actions WHERE id = @id;", ("@id", ids[0]));
        await storage.ExecuteRawAsync("DELETE FROM audit_chain_heads;");

        var result = await storage.Audit.VerifyAsync(workspace.Id, None);
        Assert.False(result.Intact);
        Assert.Equal(ids[1], result.FirstBadRowId);
    }

    [SkippableFact]
    public async Task VerifyAsync_OtherWorkspaceTampered_DoesNotAffectThisChain()
    {
        await using var storage = await backend.CreateAsync();
        var acme = await storage.CreateWorkspaceAsync("acme");
        var other = await storage.CreateWorkspaceAsync("other");
        await RecordRowsAsync(storage, acme.Id, 3);
        var otherIds = await RecordRowsAsync(storage, other.Id, 3);

        await storage.ExecuteRawAsync("DELETE FROM connector_actions WHERE id = @id;", ("@id", otherIds[1]));

        Assert.True((await storage.Audit.VerifyAsync(acme.Id, None)).Intact);
        Assert.False((await storage.Audit.VerifyAsync(other.Id, None)).Intact);
    }

    [SkippableFact]
    public async Task RecordAsync_TwoProcessesManyTasks_KeepOneIntactChain()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var other = (await storage.OpenAnotherInstanceAsync()).Audit;
        const int calls = 120;

        await Task.WhenAll(Enumerable.Range(0, calls).Select(i => Task.Run(async () =>
        {
            var log = i % 2 == 0 ? storage.Audit : other;
            if (i % 3 == 0)
            {
                await log.RecordAsync(Intent(workspace.Id), new AuditCompletion(AuditStatus.RateLimited, TestStores.Start), None);
            }
            else
            {
                // Begun in one process, completed in the other.
                var rowId = await log.BeginAsync(Intent(workspace.Id), None);
                await (log == other ? storage.Audit : other).CompleteAsync(rowId, new AuditCompletion(AuditStatus.Succeeded, TestStores.Start), None);
            }
        })));

        var result = await storage.Audit.VerifyAsync(workspace.Id, None);
        Assert.Equal(new AuditVerification(true, calls, null, null, 0), result);
        Assert.Equal((long)calls, await storage.ScalarRawAsync("SELECT COUNT(DISTINCT seq) FROM connector_actions WHERE seq BETWEEN 1 AND @n;", ("@n", calls)));
    }

    [SkippableFact]
    public async Task BeginAsync_UnknownWorkspace_ThrowsEntityNotFound()
    {
        await using var storage = await backend.CreateAsync();

        await Assert.ThrowsAsync<EntityNotFoundException>(() => storage.Audit.BeginAsync(Intent("ws_missing"), None));
    }

    private static AuditIntent Intent(string workspaceId) =>
        new(workspaceId, "con_1", "gmail_search_inbox", "search_inbox", """{"query":"from:bob"}""", "abc123", null, "stdio", TestStores.Start);

    private static async Task<List<long>> RecordRowsAsync(TestStores storage, string workspaceId, int count)
    {
        var ids = new List<long>();
        for (var i = 0; i < count; i++)
        {
            var rowId = await storage.Audit.BeginAsync(Intent(workspaceId), None);
            storage.Time.Advance(TimeSpan.FromMilliseconds(40));
            await storage.Audit.CompleteAsync(rowId, new AuditCompletion(AuditStatus.Succeeded, storage.Time.GetUtcNow(), ErrorMessage: $"call {i}"), None);
            ids.Add(rowId);
        }

        return ids;
    }

    /// <summary>The row's hashed content as stored, read through the store (and its duration, which entries do not carry).</summary>
    private static async Task<(AuditRowContent Content, string PreviousHash)> ReadContentAsync(TestStores storage, long rowId)
    {
        var workspaceId = (string)(await storage.ScalarRawAsync("SELECT workspace_id FROM connector_actions WHERE id = @id;", ("@id", rowId)))!;
        var entry = (await storage.Audit.ListAsync(workspaceId, AuditQuery.MaxLimit, None)).Single(e => e.Id == rowId);
        var duration = Convert.ToInt64(await storage.ScalarRawAsync("SELECT duration_ms FROM connector_actions WHERE id = @id;", ("@id", rowId)), System.Globalization.CultureInfo.InvariantCulture);
        return (new AuditRowContent(
            entry.Id, entry.WorkspaceId, entry.ConnectorId, entry.Tool, entry.Action, entry.Status.ToName(), entry.ErrorCode, entry.ErrorMessage, entry.ArgumentsJson,
            entry.ArgumentsHash, entry.ApprovalId, entry.Decision, entry.Caller, StorageTime.ToText(entry.StartedAt), StorageTime.ToText(entry.FinishedAt), duration,
            entry.Sequence), entry.PreviousHash!);
    }
}
