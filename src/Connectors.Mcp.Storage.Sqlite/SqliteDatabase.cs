using System.Collections.Concurrent;
using Connectors.Mcp.Core.Storage.Persistence;
using Connectors.Mcp.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Connectors.Mcp.Storage.Sqlite;

/// <summary>
/// The SQLite file behind every store: its schema (<see cref="MigrateAsync"/>), a pool of open connections for reads and
/// one connection for writes.
/// Several processes may use the same file at once (a CLI command beside a running server): the file is in WAL mode so
/// readers never wait for the writer, every write runs in a <c>BEGIN IMMEDIATE</c> transaction that waits up to
/// <see cref="BusyTimeoutMilliseconds"/> for the write lock instead of failing with SQLITE_BUSY, and nothing slow (no
/// HTTP) runs inside a transaction. Within this process, concurrent writes share their transaction and its one synced
/// commit (group commit, <see cref="GroupCommitWriter"/>); each caller still returns only after its commit.
/// </summary>
/// <remarks>
/// Microsoft.Data.Sqlite runs its "async" methods synchronously, so reads do too and their tasks are already complete.
/// A write runs on the caller's thread when no other write is in progress (its task is then complete too); otherwise it
/// waits, without a thread, for the writer's next batch. The writer may block its thread on another process's write lock.
/// </remarks>
public sealed class SqliteDatabase : IDisposable
{
    /// <summary>How long a connection waits for another connection's (or process's) write lock.</summary>
    public const int BusyTimeoutMilliseconds = 10_000;

    private const int MaxIdleConnections = 8;

    // Run on every new connection, because SQLite keeps these per connection, not in the file:
    // - busy_timeout: wait for a writer in another connection or process instead of failing at once with SQLITE_BUSY.
    // - foreign_keys: SQLite leaves foreign key enforcement off unless each connection turns it on.
    // - synchronous = FULL: in WAL mode, NORMAL can lose the last commits on power loss. Token rotations (a refresh token
    //   the provider has already invalidated), approval decisions and audit rows must survive it, so every commit
    //   syncs the WAL before it returns.
    private static readonly string ConnectionPragmas =
        $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;";

    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentBag<PooledConnection> _idle = [];
    private readonly Lock _fileLock = new();
    private readonly GroupCommitWriter _writer;
    private int _idleCount;
    private volatile bool _fileReady;
    private volatile bool _disposed;

    public SqliteDatabase(string databasePath, TimeProvider time, ILogger<SqliteDatabase>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        DatabasePath = Path.GetFullPath(databasePath);
        _time = time;
        _logger = logger ?? NullLogger<SqliteDatabase>.Instance;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,

            // This class pools connections itself, together with their prepared commands.
            Pooling = false,

            // Microsoft.Data.Sqlite's own retry on SQLITE_BUSY, beyond busy_timeout.
            DefaultTimeout = 30,
        }.ToString();
        _writer = new GroupCommitWriter(Open);
    }

    /// <summary>Full path of the database file.</summary>
    public string DatabasePath { get; }

    /// <summary>
    /// Puts the file in WAL mode and applies the migrations it has not had yet, each once, in order, each in its own
    /// immediate transaction together with its <c>schema_migrations</c> row — so two processes starting at once apply
    /// each migration exactly once.
    /// </summary>
    /// <exception cref="InvalidOperationException">The file cannot use WAL, or a newer build already migrated it.</exception>
    public Task MigrateAsync(CancellationToken cancellationToken) => Run(() => Migrate(cancellationToken), cancellationToken);

    /// <summary>Refuses new reads and writes, lets the writes already queued commit, and closes the connections.</summary>
    public void Dispose()
    {
        _disposed = true;
        _writer.Dispose();
        DrainIdle();
    }

    /// <summary>Transactions committed by writes so far (for tests of group commit).</summary>
    internal long WriteCommits => _writer.Commits;

    /// <summary>Reads on a pooled connection without a transaction (each statement sees the latest commit).</summary>
    internal Task<T> ReadAsync<T>(Func<PooledConnection, T> read, CancellationToken cancellationToken) =>
        Run(() => Read(read), cancellationToken);

    /// <summary>Several reads from one consistent snapshot (a deferred transaction; takes no write lock).</summary>
    internal Task<T> ReadSnapshotAsync<T>(Func<PooledConnection, T> read, CancellationToken cancellationToken) =>
        Run(() => InSnapshot(read), cancellationToken);

    /// <summary>
    /// Runs <paramref name="write"/> in a <c>BEGIN IMMEDIATE</c> transaction (in its own savepoint when it shares it) and completes
    /// once that transaction committed (synced); an exception rolls its changes back and is the task's. Checks made
    /// inside hold until the commit: no other connection or process can write in between. The transaction may hold
    /// other writes of this process that ran before this one (group commit): <paramref name="write"/> sees their changes,
    /// as it would had they committed just before; if the transaction fails, every write in it fails.
    /// <paramref name="write"/> must not start another write.
    /// </summary>
    internal Task<T> WriteAsync<T>(Func<PooledConnection, T> write, CancellationToken cancellationToken) =>
        _writer.EnqueueAsync(write, cancellationToken);

    internal Task WriteAsync(Action<PooledConnection> write, CancellationToken cancellationToken) =>
        _writer.EnqueueAsync(c => { write(c); return true; }, cancellationToken);

    private static Task<T> Run<T>(Func<T> work, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        try
        {
            return Task.FromResult(work());
        }
        catch (Exception exception)
        {
            return Task.FromException<T>(exception);
        }
    }

    private T Read<T>(Func<PooledConnection, T> read)
    {
        PooledConnection? connection = Rent();
        try
        {
            return read(connection);
        }
        catch (SqliteException)
        {
            connection.Dispose();
            connection = null;
            throw;
        }
        finally
        {
            if (connection is not null)
            {
                Return(connection);
            }
        }
    }

    private T InSnapshot<T>(Func<PooledConnection, T> work)
    {
        PooledConnection? connection = Rent();
        try
        {
            var transaction = connection.BeginSnapshot();
            var result = work(connection);
            transaction.Commit();
            return result;
        }
        catch (SqliteException)
        {
            // Whatever state the failure left the connection in, it does not go back to the pool.
            connection.Dispose();
            connection = null;
            throw;
        }
        finally
        {
            if (connection is not null)
            {
                connection.EndTransaction(); // rolls back when work threw
                Return(connection);
            }
        }
    }

    private int Migrate(CancellationToken cancellationToken)
    {
        using var connection = Open();

        // journal_mode is kept in the file, so it is set once here rather than on every connection.
        using (var journal = connection.Connection.CreateCommand())
        {
            journal.CommandText = "PRAGMA journal_mode = WAL;";
            var mode = journal.ExecuteScalar() as string;
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(
                    $"SQLite could not put '{DatabasePath}' in WAL mode (journal_mode is '{mode}'); keep the database on a local file system.");
            }
        }

        InTransaction(connection, c => c.Command(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT;").Execute());

        var known = SqliteMigrations.All;
        // One read of what is applied; a migration it lists is skipped without its own transaction (most starts: all of
        // them). One it does not list is still checked again inside its immediate transaction below.
        var appliedVersions = InTransaction(connection, c => AppliedVersions(c));
        var newest = appliedVersions.Count == 0 ? 0 : appliedVersions.Max();
        var newestKnown = known.Count == 0 ? 0 : known[^1].Version;
        if (newest > newestKnown)
        {
            throw new InvalidOperationException(
                $"The database '{DatabasePath}' has schema version {newest}, newer than this build knows ({newestKnown}); use a newer connectors-mcp.");
        }

        var applied = 0;
        foreach (var migration in known.Where(m => !appliedVersions.Contains(m.Version)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var ran = InTransaction(connection, c =>
            {
                // Checked inside the immediate transaction: a second process starting at the same time waits here for
                // the first to commit, then sees the row and skips the script.
                if (c.Command("SELECT 1 FROM schema_migrations WHERE version = $version;").With("$version", migration.Version).Exists())
                {
                    return false;
                }

                c.ExecuteScript(migration.Sql);
                c.Command("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($version, $name, $applied_at);")
                    .With("$version", migration.Version)
                    .With("$name", migration.Name)
                    .With("$applied_at", StorageTime.ToText(StorageTime.Now(_time)))
                    .Execute();
                return true;
            });
            if (ran)
            {
                applied++;
                _logger.LogInformation("Applied database migration {Migration} to {DatabasePath}.", migration.Name, DatabasePath);
            }
        }

        return applied;
    }

    private static HashSet<long> AppliedVersions(PooledConnection connection)
    {
        using var reader = connection.Command("SELECT version FROM schema_migrations;").ExecuteReader();
        var versions = new HashSet<long>();
        while (reader.Read())
        {
            versions.Add(reader.GetInt64(0));
        }

        return versions;
    }

    private static T InTransaction<T>(PooledConnection connection, Func<PooledConnection, T> work)
    {
        try
        {
            var transaction = connection.BeginImmediate();
            var result = work(connection);
            transaction.Commit();
            return result;
        }
        finally
        {
            connection.EndTransaction();
        }
    }

    private PooledConnection Rent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_idle.TryTake(out var connection))
        {
            Interlocked.Decrement(ref _idleCount);
            return connection;
        }

        return Open();
    }

    private void Return(PooledConnection connection)
    {
        if (_disposed || Interlocked.Increment(ref _idleCount) > MaxIdleConnections)
        {
            if (!_disposed)
            {
                Interlocked.Decrement(ref _idleCount);
            }

            connection.Dispose();
            return;
        }

        _idle.Add(connection);
        if (_disposed)
        {
            DrainIdle();
        }
    }

    private void DrainIdle()
    {
        while (_idle.TryTake(out var connection))
        {
            Interlocked.Decrement(ref _idleCount);
            connection.Dispose();
        }
    }

    private PooledConnection Open()
    {
        EnsureFile();
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            using var pragmas = connection.CreateCommand();
            pragmas.CommandText = ConnectionPragmas;
            pragmas.ExecuteNonQuery();
            return new PooledConnection(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Creates the folder and an empty database file readable by the owner only (it holds encrypted tokens).</summary>
    private void EnsureFile()
    {
        if (_fileReady)
        {
            return;
        }

        lock (_fileLock)
        {
            if (_fileReady)
            {
                return;
            }

            var folder = Path.GetDirectoryName(DatabasePath);
            if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder))
            {
                if (OperatingSystem.IsWindows())
                {
                    Directory.CreateDirectory(folder);
                }
                else
                {
                    Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }
            }

            if (!File.Exists(DatabasePath))
            {
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                try
                {
                    using var file = new FileStream(DatabasePath, options);
                }
                catch (IOException) when (File.Exists(DatabasePath))
                {
                    // Another process created it first; an empty file is an empty database either way.
                }
            }

            _fileReady = true;
        }
    }
}
