using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace Connectors.Mcp.Storage.Sqlite.Tests.Internal;

/// <summary>
/// Group commit, driven through <see cref="SqliteDatabase.WriteAsync{T}"/>. To make a batch without relying on timing, a
/// first write is held open inside its transaction (<see cref="HeldWrite"/>); every write started meanwhile queues, and
/// all of them run in the writer's next transaction once it is let go.
/// </summary>
public sealed class GroupCommitWriterTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task WriteAsync_LoneWrites_EachCommitsAtOnceInItsOwnTransaction()
    {
        using var storage = await CreateWithItemsAsync();
        var commits = storage.Database.WriteCommits;

        for (var i = 0; i < 3; i++)
        {
            var write = Insert(storage, $"lone-{i}");

            // No other write in progress: the caller ran it and committed it before WriteAsync returned; nothing waited for a batch.
            Assert.True(write.IsCompletedSuccessfully);
        }

        Assert.Equal(commits + 3, storage.Database.WriteCommits);
        Assert.Equal(3L, storage.ScalarRaw("SELECT COUNT(*) FROM items;"));
    }

    [Fact]
    public async Task WriteAsync_ConcurrentWrites_ShareOneCommitAndReturnOnlyAfterIt()
    {
        using var storage = await CreateWithItemsAsync();
        var commits = storage.Database.WriteCommits;
        using var held = HeldWrite.Start(storage.Database);

        var writes = Enumerable.Range(0, 10).Select(i => Insert(storage, $"queued-{i}")).ToList();

        // Queued behind the held transaction: not run, not committed, no caller released.
        Assert.All(writes, w => Assert.False(w.IsCompleted));
        Assert.Equal(0L, storage.ScalarRaw("SELECT COUNT(*) FROM items;"));

        await held.ReleaseAsync();
        await Task.WhenAll(writes);

        Assert.Equal(commits + 2, storage.Database.WriteCommits); // the held write's, then one for all ten
        Assert.Equal(10L, storage.ScalarRaw("SELECT COUNT(*) FROM items;"));
    }

    [Fact]
    public async Task WriteAsync_OneWriteOfABatchThrows_OnlyItsChangesAreRolledBack()
    {
        using var storage = await CreateWithItemsAsync();
        var commits = storage.Database.WriteCommits;
        using var held = HeldWrite.Start(storage.Database);

        var before = Insert(storage, "before");
        var failing = storage.Database.WriteAsync<int>(c =>
        {
            c.Command("INSERT INTO items (name) VALUES ('failing');").Execute();
            throw new InvalidOperationException("boom");
        }, None);
        var after = Insert(storage, "after");
        await held.ReleaseAsync();

        Assert.Equal("boom", (await Assert.ThrowsAsync<InvalidOperationException>(() => failing)).Message);
        await Task.WhenAll(before, after);
        Assert.Equal(commits + 2, storage.Database.WriteCommits);
        Assert.Equal("after,before", storage.ScalarRaw("SELECT group_concat(name, ',' ORDER BY name) FROM items;"));
    }

    [Fact]
    public async Task WriteAsync_ConstraintFailsInABatch_OthersCommit()
    {
        using var storage = await CreateWithItemsAsync();
        using var held = HeldWrite.Start(storage.Database);

        var first = Insert(storage, "same");
        var duplicate = Insert(storage, "same"); // the primary key refuses it: a SqliteException from the statement
        var other = Insert(storage, "other");
        await held.ReleaseAsync();

        await first;
        Assert.Equal(19, (await Assert.ThrowsAsync<SqliteException>(() => duplicate)).SqliteErrorCode); // SQLITE_CONSTRAINT
        await other;
        Assert.Equal(2L, storage.ScalarRaw("SELECT COUNT(*) FROM items;"));
        await Insert(storage, "later"); // the writer opened a fresh connection and goes on
    }

    [Fact]
    public async Task WriteAsync_CommitOfABatchFails_EveryWriteOfTheBatchGetsTheFailure()
    {
        using var storage = await CreateWithItemsAsync();

        // A deferred foreign key is checked at COMMIT: one write of the batch makes the commit itself fail.
        storage.ExecuteRaw(
            "CREATE TABLE parents (id INTEGER PRIMARY KEY) STRICT; CREATE TABLE children (parent_id INTEGER NOT NULL REFERENCES parents (id) DEFERRABLE INITIALLY DEFERRED) STRICT;");
        var commits = storage.Database.WriteCommits;
        using var held = HeldWrite.Start(storage.Database);

        var good = Insert(storage, "good");
        var orphan = storage.Database.WriteAsync(c => c.Command("INSERT INTO children (parent_id) VALUES (42);").Execute(), None);
        await held.ReleaseAsync();

        var goodError = await Assert.ThrowsAsync<SqliteException>(() => good);
        var orphanError = await Assert.ThrowsAsync<SqliteException>(() => orphan);
        Assert.Equal(19, goodError.SqliteErrorCode); // FOREIGN KEY constraint failed, at COMMIT
        Assert.Same(goodError, orphanError);
        Assert.Equal(commits + 1, storage.Database.WriteCommits); // only the held write's
        Assert.Equal(0L, storage.ScalarRaw("SELECT COUNT(*) FROM items;"));
        Assert.Equal(0L, storage.ScalarRaw("SELECT COUNT(*) FROM children;"));

        await Insert(storage, "later");
        Assert.Equal(1L, storage.ScalarRaw("SELECT COUNT(*) FROM items;"));
    }

    [Fact]
    public async Task WriteAsync_CancelledWhileQueued_IsCancelledAtOnceAndNeverRuns()
    {
        using var storage = await CreateWithItemsAsync();
        using var held = HeldWrite.Start(storage.Database);
        using var cancellation = new CancellationTokenSource();

        var cancelled = storage.Database.WriteAsync(c => c.Command("INSERT INTO items (name) VALUES ('cancelled');").Execute(), cancellation.Token);
        var kept = Insert(storage, "kept");
        await cancellation.CancelAsync();

        Assert.True(cancelled.IsCanceled); // before the writer got to it
        await held.ReleaseAsync();
        await kept;
        Assert.Equal("kept", storage.ScalarRaw("SELECT group_concat(name) FROM items;"));
    }

    [Fact]
    public async Task WriteAsync_CancelledAfterItStarted_StillCommits()
    {
        using var storage = await CreateWithItemsAsync();
        using var cancellation = new CancellationTokenSource();

        var write = await Task.Run(() => storage.Database.WriteAsync(c =>
        {
            c.Command("INSERT INTO items (name) VALUES ('started');").Execute();
            cancellation.Cancel(); // the caller gives up while its write runs: too late, it commits as a write always did
            return 1;
        }, cancellation.Token));

        Assert.Equal(1, write);
        Assert.Equal(1L, storage.ScalarRaw("SELECT COUNT(*) FROM items;"));
    }

    [Fact]
    public async Task WriteAsync_FromInsideAWrite_IsRefusedInsteadOfWaitingForItself()
    {
        using var storage = await CreateWithItemsAsync();

        var inner = await storage.Database.WriteAsync(c =>
        {
            c.Command("INSERT INTO items (name) VALUES ('outer');").Execute();
            return storage.Database.WriteAsync(c2 => c2.Command("INSERT INTO items (name) VALUES ('inner');").Execute(), None);
        }, None);

        Assert.Contains("cannot start another write", (await Assert.ThrowsAsync<InvalidOperationException>(() => inner)).Message, StringComparison.Ordinal);
        Assert.Equal("outer", storage.ScalarRaw("SELECT group_concat(name) FROM items;"));
    }

    [Fact]
    public async Task Dispose_WhileWritesQueued_CommitsThemAndRefusesNewOnes()
    {
        using var storage = await CreateWithItemsAsync();
        var database = storage.Database;
        using var held = HeldWrite.Start(database);
        var queued = Enumerable.Range(0, 3).Select(i => Insert(storage, $"queued-{i}")).ToList();

        var disposing = Task.Run(database.Dispose);
        SpinWait.SpinUntil(() => database.WriteAsync(_ => { }, None) is { IsFaulted: true, Exception.InnerException: ObjectDisposedException }, TimeSpan.FromSeconds(30));
        var refused = database.WriteAsync(_ => { }, None);

        Assert.False(disposing.IsCompleted); // it waits for the queued writes
        await held.ReleaseAsync();
        await disposing;
        await Task.WhenAll(queued);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => refused);
        Assert.Equal(3L, storage.ScalarRaw("SELECT COUNT(*) FROM items;"));
    }

    [Fact]
    public async Task RecordAsync_ManyConcurrentCallersInTwoProcesses_KeepIntactChainsAndShareCommits()
    {
        using var storage = await TestStorage.CreateAsync();
        var acme = await storage.CreateWorkspaceAsync();
        var other = await storage.CreateWorkspaceAsync("other");
        var secondProcess = storage.OpenDatabase();
        var secondLog = new SqliteAuditLog(secondProcess);
        var commits = storage.Database.WriteCommits;
        const int perProcess = 150;
        using var held = HeldWrite.Start(storage.Database);

        // This process's appends queue behind its held transaction (which also holds the file's write lock); the second
        // process's callers contend for that lock meanwhile and append between this process's batches afterwards.
        var first = Enumerable.Range(0, perProcess).Select(i => storage.Audit.RecordAsync(Intent(i % 2 == 0 ? acme.Id : other.Id), Done, None)).ToList();
        var second = Enumerable.Range(0, perProcess).Select(i => Task.Run(() => secondLog.RecordAsync(Intent(i % 2 == 0 ? acme.Id : other.Id), Done, None))).ToList();
        Assert.All(first, w => Assert.False(w.IsCompleted));
        await held.ReleaseAsync();
        var ids = await Task.WhenAll(first.Concat(second));

        Assert.Equal(2 * perProcess, ids.Distinct().Count());
        Assert.Equal(new AuditVerification(true, perProcess, null, null, 0), await storage.Audit.VerifyAsync(acme.Id, None));
        Assert.Equal(new AuditVerification(true, perProcess, null, null, 0), await secondLog.VerifyAsync(other.Id, None));

        // The held write's transaction, then 150 queued appends in ⌈150 / 64⌉ = 3 (64, 64, 22).
        Assert.Equal(commits + 1 + 3, storage.Database.WriteCommits);
    }

    [Fact]
    public async Task RecordAsync_FailingWritesInABatch_FailAloneAndTheOthersChainInOrder()
    {
        using var storage = await TestStorage.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var commits = storage.Database.WriteCommits;
        using var held = HeldWrite.Start(storage.Database);

        // Between good rows: an unknown workspace (refused before writing), and a write that inserts an audit row (moving
        // sqlite_sequence) and then throws — both rolled back to their savepoints, so the next row takes the freed id.
        var first = storage.Audit.RecordAsync(Intent(workspace.Id), Done, None);
        var unknown = storage.Audit.RecordAsync(Intent("ws_missing"), Done, None);
        var partial = storage.Database.WriteAsync<long>(c =>
        {
            SqliteAuditLog.Record(c, Intent(workspace.Id), Done);
            throw new InvalidOperationException("boom");
        }, None);
        var second = storage.Audit.RecordAsync(Intent(workspace.Id), Done, None);
        var begun = storage.Audit.BeginAsync(Intent(workspace.Id), None);
        await held.ReleaseAsync();

        await Assert.ThrowsAsync<EntityNotFoundException>(() => unknown);
        await Assert.ThrowsAsync<InvalidOperationException>(() => partial);
        Assert.Equal(new[] { 1L, 2L, 3L }, await Task.WhenAll(first, second, begun));
        Assert.Equal(commits + 2, storage.Database.WriteCommits); // the held write's, then one for the batch
        Assert.Equal(new AuditVerification(true, 2, null, null, 1), await storage.Audit.VerifyAsync(workspace.Id, None));
    }

    [Fact]
    public async Task TryClaimAsync_TwoClaimsOfOneApprovalInOneBatch_ExactlyOneWins()
    {
        using var storage = await TestStorage.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var created = await storage.Approvals.CreateAsync(
            new NewApproval(workspace.Id, "con_1", "gmail_send_email", "send_email", "{}", "hash", "Send an email", TimeSpan.FromHours(1)), None);
        var approval = await storage.Approvals.DecideAsync(created.Id, approve: true, "cli:alice", null, None);
        var commits = storage.Database.WriteCommits;
        using var held = HeldWrite.Start(storage.Database);

        // The second claim runs after the first in the same transaction and sees it: a batch behaves as one write after another.
        var claims = new[] { storage.Approvals.TryClaimAsync(approval.Id, None), storage.Approvals.TryClaimAsync(approval.Id, None) };
        await held.ReleaseAsync();

        var won = await Task.WhenAll(claims);
        Assert.Equal(new[] { true, false }, won);
        Assert.Equal(commits + 2, storage.Database.WriteCommits);
    }

    [Fact]
    public async Task ClaimAsync_TwoIdempotencyClaimsOfOneKeyInOneBatch_ExactlyOneWins()
    {
        using var storage = await TestStorage.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var store = new SqliteIdempotencyStore(storage.Database, storage.Time, storage.Protector);
        using var held = HeldWrite.Start(storage.Database);

        var claims = Enumerable.Range(0, 2)
            .Select(_ => store.ClaimAsync(workspace.Id, "key-1", "fp", "gmail_send_email", TimeSpan.FromHours(24), TimeSpan.FromMinutes(2), None))
            .ToList();
        await held.ReleaseAsync();
        var (first, second) = (await claims[0], await claims[1]);

        Assert.True(first.Claimed);
        Assert.False(second.Claimed);
        Assert.Equal(first.Record.ClaimId, second.Record.ClaimId);
    }

    private static readonly AuditCompletion Done = new(AuditStatus.Succeeded, TestStorage.Start);

    private static AuditIntent Intent(string workspaceId) =>
        new(workspaceId, null, "list_connectors", null, "{}", null, null, "test", TestStorage.Start);

    private static async Task<TestStorage> CreateWithItemsAsync()
    {
        var storage = await TestStorage.CreateAsync();
        storage.ExecuteRaw("CREATE TABLE items (name TEXT PRIMARY KEY) STRICT;");
        return storage;
    }

    private static Task<int> Insert(TestStorage storage, string name) =>
        storage.Database.WriteAsync(c => c.Command("INSERT INTO items (name) VALUES ($name);").With("$name", name).Execute(), None);

    /// <summary>A write that holds the writer inside its transaction until released.</summary>
    private sealed class HeldWrite : IDisposable
    {
        private readonly ManualResetEventSlim _entered = new();
        private readonly ManualResetEventSlim _release = new();
        private Task _write = Task.CompletedTask;

        public static HeldWrite Start(SqliteDatabase database)
        {
            var held = new HeldWrite();

            // On another thread: with no other write in progress, the caller's own thread runs the write.
            held._write = Task.Run(() => database.WriteAsync(_ =>
            {
                held._entered.Set();
                held._release.Wait();
            }, None));
            Assert.True(held._entered.Wait(TimeSpan.FromSeconds(30)), "The held write never started.");
            return held;
        }

        public Task ReleaseAsync()
        {
            _release.Set();
            return _write;
        }

        public void Dispose() => _release.Set(); // a test that failed early does not leave the writer waiting
    }
}
