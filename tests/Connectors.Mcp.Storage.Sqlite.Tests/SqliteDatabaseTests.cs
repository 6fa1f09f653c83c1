using Connectors.Mcp.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace Connectors.Mcp.Storage.Sqlite.Tests;

public sealed class SqliteDatabaseTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task MigrateAsync_RunTwice_AppliesEachMigrationOnce()
    {
        using var storage = TestStorage.CreateEmpty();

        await storage.Database.MigrateAsync(None);
        await storage.Database.MigrateAsync(None);

        Assert.Equal((long)SqliteMigrations.All.Count, storage.ScalarRaw("SELECT COUNT(*) FROM schema_migrations;"));
        Assert.Equal(1L, storage.ScalarRaw("SELECT MIN(version) FROM schema_migrations;"));
        foreach (var table in new[]
        {
            "workspaces", "api_keys", "connector_definitions", "workspace_connectors", "connector_credentials", "oauth_clients",
            "policies", "approvals", "connector_actions", "audit_chain_heads",
        })
        {
            Assert.Equal(1L, storage.ScalarRaw("SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table' AND name = $name;", ("$name", table)));
        }
    }

    [Fact]
    public async Task MigrateAsync_TwoProcessesStartTogether_BothSucceedAndApplyOnce()
    {
        using var storage = TestStorage.CreateEmpty();
        var other = storage.OpenDatabase();
        var third = storage.OpenDatabase();

        await Task.WhenAll(
            Task.Run(() => storage.Database.MigrateAsync(None)),
            Task.Run(() => other.MigrateAsync(None)),
            Task.Run(() => third.MigrateAsync(None)));

        Assert.Equal((long)SqliteMigrations.All.Count, storage.ScalarRaw("SELECT COUNT(*) FROM schema_migrations;"));
    }

    [Fact]
    public async Task MigrateAsync_SchemaNewerThanBuild_Throws()
    {
        using var storage = TestStorage.CreateEmpty();
        await storage.Database.MigrateAsync(None);
        storage.ExecuteRaw("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, '0999_future', '2030-01-01T00:00:00.000Z');");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => storage.OpenDatabase().MigrateAsync(None));

        Assert.Contains("newer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MigrateAsync_Always_LeavesPragmasInEffectOnEveryConnection()
    {
        using var storage = TestStorage.CreateEmpty();
        await storage.Database.MigrateAsync(None);

        var pragmas = await storage.Database.ReadAsync(c => (
            JournalMode: (string)c.Command("PRAGMA journal_mode;").ExecuteScalar()!,
            ForeignKeys: (long)c.Command("PRAGMA foreign_keys;").ExecuteScalar()!,
            BusyTimeout: (long)c.Command("PRAGMA busy_timeout;").ExecuteScalar()!,
            Synchronous: (long)c.Command("PRAGMA synchronous;").ExecuteScalar()!), None);

        Assert.Equal("wal", pragmas.JournalMode);
        Assert.Equal(1L, pragmas.ForeignKeys);
        Assert.Equal(10_000L, pragmas.BusyTimeout);
        Assert.Equal(2L, pragmas.Synchronous); // FULL

        // WAL is a property of the file: a connection that sets nothing sees it too.
        Assert.Equal("wal", storage.ScalarRaw("PRAGMA journal_mode;"));
    }

    [Fact]
    public async Task MigrateAsync_FolderMissing_CreatesFolderAndOwnerOnlyFile()
    {
        using var storage = TestStorage.CreateEmpty();
        Assert.False(Directory.Exists(storage.Folder));

        await storage.Database.MigrateAsync(None);

        Assert.True(File.Exists(storage.DatabasePath));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(storage.DatabasePath));
        }
    }

    [Fact]
    public async Task WriteAsync_WhileTransactionOpen_HoldsWriteLock()
    {
        using var storage = await TestStorage.CreateAsync();

        // Inside a write, another connection that will not wait cannot start a write: the lock was taken at BEGIN,
        // before this transaction wrote anything — BeginTransaction(deferred: false) is BEGIN IMMEDIATE.
        var otherWriterError = await storage.Database.WriteAsync(_ => TryBeginImmediateElsewhere(storage), None);

        Assert.NotNull(otherWriterError);
        Assert.Equal(5, otherWriterError.SqliteErrorCode); // SQLITE_BUSY
    }

    [Fact]
    public async Task ReadSnapshotAsync_WhileTransactionOpen_DoesNotBlockWriters()
    {
        using var storage = await TestStorage.CreateAsync();

        // The negative control for the test above: a deferred transaction that has read takes no write lock.
        var otherWriterError = await storage.Database.ReadSnapshotAsync(c =>
        {
            c.Command("SELECT COUNT(*) FROM workspaces;").ExecuteScalar();
            return TryBeginImmediateElsewhere(storage);
        }, None);

        Assert.Null(otherWriterError);
    }

    [Fact]
    public async Task WriteAsync_WorkThrows_RollsBackAndKeepsWorking()
    {
        using var storage = await TestStorage.CreateAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => storage.Database.WriteAsync<int>(c =>
        {
            c.Command("INSERT INTO workspaces (id, slug, plan, created_at) VALUES ('ws_x', 'rolled-back', 'free', '2026-01-01T00:00:00.000Z');").Execute();
            throw new InvalidOperationException("boom");
        }, None));

        Assert.Equal(0L, storage.ScalarRaw("SELECT COUNT(*) FROM workspaces;"));
        Assert.Equal("acme", (await storage.CreateWorkspaceAsync()).Slug);
    }

    [Fact]
    public async Task WriteAsync_TwoProcessesManyTasks_NoBusyFailuresAndNoLostUpdates()
    {
        using var storage = await TestStorage.CreateAsync();
        await storage.CreateWorkspaceAsync();
        var other = storage.OpenDatabase();
        const int writers = 100;

        // A read-modify-write counter: lost updates would show if two writers read the same value.
        storage.ExecuteRaw("CREATE TABLE counter (value INTEGER NOT NULL) STRICT; INSERT INTO counter VALUES (0);");
        await Task.WhenAll(Enumerable.Range(0, writers).Select(i => Task.Run(() =>
            (i % 2 == 0 ? storage.Database : other).WriteAsync(c =>
            {
                var value = (long)c.Command("SELECT value FROM counter;").ExecuteScalar()!;
                Thread.Sleep(1); // widen the read-to-write window, so a transaction that did not lock at BEGIN would collide
                c.Command("UPDATE counter SET value = $value;").With("$value", value + 1).Execute();
            }, None))));

        Assert.Equal((long)writers, storage.ScalarRaw("SELECT value FROM counter;"));
    }

    [Fact]
    public async Task ReadAsync_SameSqlTwice_ReusesThePreparedCommandOnThePooledConnection()
    {
        using var storage = await TestStorage.CreateAsync();
        const string sql = "SELECT COUNT(*) FROM workspaces WHERE slug = $slug;";

        var first = await storage.Database.ReadAsync(c => c.Command(sql), None);
        var second = await storage.Database.ReadAsync(c => c.Command(sql), None);

        // One caller at a time gets the idle connection back, with its commands (and their compiled statements).
        Assert.Same(first, second);
    }

    [Fact]
    public async Task ReadAsync_Cancelled_ReturnsCancelledTask()
    {
        using var storage = await TestStorage.CreateAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => storage.Workspaces.ListAsync(cancelled.Token));
    }

    private static SqliteException? TryBeginImmediateElsewhere(TestStorage storage)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = storage.DatabasePath,
            Pooling = false,
            DefaultTimeout = 1, // Microsoft.Data.Sqlite's own busy retry: give up after a second
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = 0;";
        command.ExecuteNonQuery();
        try
        {
            command.CommandText = "BEGIN IMMEDIATE; ROLLBACK;";
            command.ExecuteNonQuery();
            return null;
        }
        catch (SqliteException exception)
        {
            return exception;
        }
    }
}
