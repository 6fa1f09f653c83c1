using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Core.Storage.Persistence;
using Connectors.Mcp.Storage.Sqlite.Internal;

namespace Connectors.Mcp.Storage.Sqlite.Tests;

public sealed class SqliteAuditLogTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task BeginAsync_Intent_IsCommittedAsStartedBeforeReturning()
    {
        using var storage = await TestStorage.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();

        var rowId = await storage.Audit.BeginAsync(Intent(workspace.Id), None);

        // Read through an unrelated connection: the row is committed, not just visible to the writer.
        Assert.Equal("started", storage.ScalarRaw("SELECT status FROM connector_actions WHERE id = $id;", ("$id", rowId)));
        Assert.Equal(DBNull.Value, storage.ScalarRaw("SELECT seq FROM connector_actions WHERE id = $id;", ("$id", rowId)));
    }

    [Fact]
    public async Task CompleteAsync_StartedRow_MakesItFinalAndChainsIt()
    {
        using var storage = await TestStorage.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var rowId = await storage.Audit.BeginAsync(Intent(workspace.Id), None);

        await storage.Audit.CompleteAsync(rowId, new AuditCompletion(AuditStatus.Failed, TestStorage.Start.AddMilliseconds(1250), "provider_error", "Gmail answered 500."), None);

        var entry = Assert.Single(await storage.Audit.ListAsync(workspace.Id, 10, None));
        Assert.Equal(AuditStatus.Failed, entry.Status);
        Assert.Equal("provider_error", entry.ErrorCode);
        Assert.Equal("Gmail answered 500.", entry.ErrorMessage);
        Assert.Equal(TestStorage.Start.AddMilliseconds(1250), entry.FinishedAt);
        Assert.Equal(1L, entry.Sequence);
        Assert.Equal(AuditChainHash.Genesis, entry.PreviousHash);
        Assert.Matches("^[0-9a-f]{64}$", entry.Hash);
        Assert.Equal(1250L, storage.ScalarRaw("SELECT duration_ms FROM connector_actions;"));
        Assert.Equal(entry.Hash, storage.ScalarRaw("SELECT hash FROM audit_chain_heads;"));
    }

    [Fact]
    public async Task CompleteAsync_RowAlreadyFinal_ThrowsInvalidState()
    {
        using var storage = await TestStorage.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var rowId = await storage.Audit.BeginAsync(Intent(workspace.Id), None);
        await storage.Audit.CompleteAsync(rowId, new AuditCompletion(AuditStatus.Succeeded, TestStorage.Start), None);

        var error = await Assert.ThrowsAsync<InvalidStateException>(() =>
            storage.Audit.CompleteAsync(rowId, new AuditCompletion(AuditStatus.Failed, TestStorage.Start), None));

        Assert.Contains("already final (succeeded)", error.Message, StringComparison.Ordinal);
        Assert.True((await storage.Audit.VerifyAsync(workspace.Id, None)).Intact);
    }

    [Fact]
    public async Task CompleteAsync_UnknownRow_ThrowsEntityNotFound()
    {
        using var storage = await TestStorage.CreateAsync();

        await Assert.ThrowsAsync<EntityNotFoundException>(() =>
            storage.Audit.CompleteAsync(42, new AuditCompletion(AuditStatus.Succeeded, TestStorage.Start), None));
    }

    [Fact]
    public async Task RecordAsync_FinalAtOnce_IsChainedWithApprovalAndDecision()
    {
        using var storage = await TestStorage.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();

        await storage.Audit.RecordAsync(Intent(workspace.Id), new AuditCompletion(AuditStatus.PendingApproval, TestStorage.Start, ApprovalId: "apr_1", Decision: "queued"), None);

        var entry = Assert.Single(await storage.Audit.ListAsync(workspace.Id, 10, None));
        Assert.Equal(AuditStatus.PendingApproval, entry.Status);
        Assert.Equal("apr_1", entry.ApprovalId);
        Assert.Equal("queued", entry.Decision);
        Assert.Equal(1L, entry.Sequence);
    }

    [Fact]
    public async Task ListAsync_ManyRows_NewestFirstUpToLimit()
    {
        using var storage = await TestStorage.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var ids = await RecordRowsAsync(storage, workspace.Id, 5);

        var entries = await storage.Audit.ListAsync(workspace.Id, 3, None);

        Assert.Equal(ids.AsEnumerable().Reverse().Take(3), entries.Select(e => e.Id));
    }

    [Fact]
    public async Task VerifyAsync_UntouchedChain_IsIntactAndCountsUnfinishedRows()
    {
        using var storage = await TestStorage.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        await RecordRowsAsync(storage, workspace.Id, 4);
        await storage.Audit.BeginAsync(Intent(workspace.Id), None);
        var inFlight = await storage.Audit.BeginAsync(Intent(workspace.Id), None);
        await RecordRowsAsync(storage, workspace.Id, 2);
        await storage.Audit.CompleteAsync(inFlight, new AuditCompletion(AuditStatus.Succeeded, TestStorage.Start), None);

        var result = await storage.Audit.VerifyAsync(workspace.Id, None);

        Assert.Equal(new AuditVerification(true, 7, null, null, 1), result);
    }

    [Fact]
    public async Task VerifyAsync_EmptyWorkspace_IsIntact()
    {
        using var storage = await TestStorage.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();

        Assert.Equal(new AuditVerification(true, 0, null, null, 0), await storage.Audit.VerifyAsync(workspace.Id, None));
    }

    [Theory]
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
        using var storage = await TestStorage.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var ids = await RecordRowsAsync(storage, workspace.Id, 5);

        Assert.Equal(1, storage.ExecuteRaw($"UPDATE connector_actions SET {column} = {value} WHERE id = $id;", ("$id", ids[2])));

        var result = await storage.Audit.VerifyAsync(workspace.Id, None);
        Assert.False(result.Intact);
        Assert.Equal(ids[2], result.FirstBadRowId);
        Assert.Contains("altered", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_RowEditedAndItsHashRecomputed_ReportsTheNextRow()
    {
        using var storage = await TestStorage.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var ids = await RecordRowsAsync(storage, workspace.Id, 5);

        // A careful forger rewrites the row and its hash; the next row still links to the old hash.
        storage.ExecuteRaw("UPDATE connector_actions SET error_message = 'forged' WHERE id = $id;", ("$id", ids[2]));
        var forged = await ReadContentAsync(storage, ids[2]);
        storage.ExecuteRaw("UPDATE connector_actions SET hash = $hash WHERE id = $id;", ("$hash", AuditChainHash.Compute(forged.PreviousHash, forged.Content)), ("$id", ids[2]));

        var result = await storage.Audit.VerifyAsync(workspace.Id, None);
        Assert.False(result.Intact);
        Assert.Equal(ids[3], result.FirstBadRowId);
        Assert.Contains("does not link", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_MiddleRowDeleted_ReportsTheRowAfterTheGap()
    {
        using var storage = await TestStorage.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var ids = await RecordRowsAsync(storage, workspace.Id, 5);

        storage.ExecuteRaw("DELETE FROM connector_actions WHERE id = $id;", ("$id", ids[2]));

        var result = await storage.Audit.VerifyAsync(workspace.Id, None);
        Assert.False(result.Intact);
        Assert.Equal(ids[3], result.FirstBadRowId);
        Assert.Equal(3, result.RowsChecked);
        Assert.Contains("sequence 3 is missing", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_NewestRowDeleted_ReportsTheDeletedRow()
    {
        using var storage = await TestStorage.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var ids = await RecordRowsAsync(storage, workspace.Id, 5);

        storage.ExecuteRaw("DELETE FROM connector_actions WHERE id = $id;", ("$id", ids[4]));

        var result = await storage.Audit.VerifyAsync(workspace.Id, None);
        Assert.False(result.Intact);
        Assert.Equal(ids[4], result.FirstBadRowId);
        Assert.Contains("newest row is missing", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_AllRowsAndHeadDeletedAfterNewRow_ReportsBrokenStart()
    {
        using var storage = await TestStorage.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var ids = await RecordRowsAsync(storage, workspace.Id, 3);

        storage.ExecuteRaw("DELETE FROM connector_actions WHERE id = $id;", ("$id", ids[0]));
        storage.ExecuteRaw("DELETE FROM audit_chain_heads;");

        var result = await storage.Audit.VerifyAsync(workspace.Id, None);
        Assert.False(result.Intact);
        Assert.Equal(ids[1], result.FirstBadRowId);
    }

    [Fact]
    public async Task VerifyAsync_OtherWorkspaceTampered_DoesNotAffectThisChain()
    {
        using var storage = await TestStorage.CreateAsync();
        var acme = await storage.CreateWorkspaceAsync("acme");
        var other = await storage.CreateWorkspaceAsync("other");
        await RecordRowsAsync(storage, acme.Id, 3);
        var otherIds = await RecordRowsAsync(storage, other.Id, 3);

        storage.ExecuteRaw("DELETE FROM connector_actions WHERE id = $id;", ("$id", otherIds[1]));

        Assert.True((await storage.Audit.VerifyAsync(acme.Id, None)).Intact);
        Assert.False((await storage.Audit.VerifyAsync(other.Id, None)).Intact);
    }

    [Fact]
    public async Task RecordAsync_TwoProcessesManyTasks_KeepOneIntactChain()
    {
        using var storage = await TestStorage.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var other = new SqliteAuditLog(storage.OpenDatabase());
        const int calls = 120;

        await Task.WhenAll(Enumerable.Range(0, calls).Select(i => Task.Run(async () =>
        {
            var log = i % 2 == 0 ? storage.Audit : other;
            if (i % 3 == 0)
            {
                await log.RecordAsync(Intent(workspace.Id), new AuditCompletion(AuditStatus.RateLimited, TestStorage.Start), None);
            }
            else
            {
                // Begun in one process, completed in the other.
                var rowId = await log.BeginAsync(Intent(workspace.Id), None);
                await (log == other ? storage.Audit : other).CompleteAsync(rowId, new AuditCompletion(AuditStatus.Succeeded, TestStorage.Start), None);
            }
        })));

        var result = await storage.Audit.VerifyAsync(workspace.Id, None);
        Assert.Equal(new AuditVerification(true, calls, null, null, 0), result);
        Assert.Equal((long)calls, storage.ScalarRaw("SELECT COUNT(DISTINCT seq) FROM connector_actions WHERE seq BETWEEN 1 AND $n;", ("$n", calls)));
    }

    [Fact]
    public async Task BeginAsync_UnknownWorkspace_ThrowsEntityNotFound()
    {
        using var storage = await TestStorage.CreateAsync();

        await Assert.ThrowsAsync<EntityNotFoundException>(() => storage.Audit.BeginAsync(Intent("ws_missing"), None));
    }

    private static AuditIntent Intent(string workspaceId) =>
        new(workspaceId, "con_1", "gmail_search_inbox", "search_inbox", """{"query":"from:bob"}""", "abc123", null, "stdio", TestStorage.Start);

    private static async Task<List<long>> RecordRowsAsync(TestStorage storage, string workspaceId, int count)
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

    private static Task<(AuditRowContent Content, string PreviousHash)> ReadContentAsync(TestStorage storage, long rowId) =>
        storage.Database.ReadAsync(c =>
        {
            using var reader = c.Command(
                "SELECT id, workspace_id, connector_id, tool, action, status, error_code, error_message, arguments_json, arguments_hash, approval_id, decision, caller, started_at, finished_at, duration_ms, seq, prev_hash FROM connector_actions WHERE id = $id;")
                .With("$id", rowId)
                .ExecuteReader();
            reader.Read();
            return (new AuditRowContent(
                reader.GetInt64(0), reader.GetString(1), reader.GetNullableString(2), reader.GetString(3), reader.GetNullableString(4), reader.GetString(5),
                reader.GetNullableString(6), reader.GetNullableString(7), reader.GetString(8), reader.GetNullableString(9), reader.GetNullableString(10),
                reader.GetNullableString(11), reader.GetNullableString(12), reader.GetString(13), reader.GetNullableString(14), reader.GetNullableInt64(15),
                reader.GetNullableInt64(16)), reader.GetString(17));
        }, CancellationToken.None);
}
