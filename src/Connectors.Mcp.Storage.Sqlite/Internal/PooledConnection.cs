using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Connectors.Mcp.Storage.Sqlite.Internal;

/// <summary>
/// An open connection kept by <see cref="SqliteDatabase"/>, with the commands prepared on it. Microsoft.Data.Sqlite
/// keeps a compiled statement only as long as its <see cref="SqliteCommand"/> (and drops it when the command text or
/// connection changes), so keeping one command per SQL text per connection skips re-compiling the SQL on every call.
/// Used by one caller at a time.
/// </summary>
internal sealed class PooledConnection : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private SqliteTransaction? _transaction;

    // The savepoint statements of group commit run twice per write in a shared transaction: kept compiled and stepped
    // directly, without a SqliteCommand and its data reader (they take no parameters and return no rows).
    private sqlite3_stmt? _savepoint;
    private sqlite3_stmt? _releaseSavepoint;
    private sqlite3_stmt? _rollbackToSavepoint;

    public PooledConnection(SqliteConnection connection) => Connection = connection;

    public SqliteConnection Connection { get; }

    /// <summary>The prepared command for <paramref name="sql"/> (one statement), parameters cleared, in the current transaction.</summary>
    public SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            _commands.Add(sql, command);
        }

        command.Parameters.Clear();
        command.Transaction = _transaction;
        return command;
    }

    /// <summary>Runs a script of several statements (a migration) in the current transaction, without caching it.</summary>
    public void ExecuteScript(string sql)
    {
        using var script = Connection.CreateCommand();
        script.Transaction = _transaction;
        script.CommandText = sql;
        script.ExecuteNonQuery();
    }

    /// <summary>
    /// <c>BEGIN IMMEDIATE</c>: takes the database's write lock now (waiting up to busy_timeout for another writer), so
    /// the reads inside the transaction cannot be invalidated by another writer before this one writes. Microsoft.Data.Sqlite
    /// issues <c>BEGIN IMMEDIATE</c> for <c>BeginTransaction(deferred: false)</c> (isolation Serializable and not
    /// deferred); SqliteDatabaseTests.WriteAsync_WhileTransactionOpen_HoldsWriteLock proves it.
    /// </summary>
    public SqliteTransaction BeginImmediate() => _transaction = Connection.BeginTransaction(deferred: false);

    /// <summary><c>BEGIN</c> (deferred): several reads from one snapshot, no lock taken until the first read.</summary>
    public SqliteTransaction BeginSnapshot() => _transaction = Connection.BeginTransaction(deferred: true);

    /// <summary>Whether a transaction is open: false once SQLite rolled it back on its own (after an I/O or disk-full error).</summary>
    public bool InTransaction => raw.sqlite3_get_autocommit(Connection.Handle) == 0;

    /// <summary>Marks where one write of a group commit begins, inside the open transaction (see <see cref="GroupCommitWriter"/>).</summary>
    public void Savepoint() => Step(ref _savepoint, "SAVEPOINT write;");

    /// <summary>Keeps the write's changes in the transaction and forgets its savepoint.</summary>
    public void ReleaseSavepoint() => Step(ref _releaseSavepoint, "RELEASE write;");

    /// <summary>Undoes the write's changes (the rest of the transaction stays) and forgets its savepoint.</summary>
    public void RollbackToSavepoint()
    {
        Step(ref _rollbackToSavepoint, "ROLLBACK TO write;");
        ReleaseSavepoint();
    }

    public void EndTransaction()
    {
        _transaction?.Dispose();
        _transaction = null;
    }

    public void Dispose()
    {
        EndTransaction();
        _savepoint?.Dispose();
        _releaseSavepoint?.Dispose();
        _rollbackToSavepoint?.Dispose();
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
        Connection.Dispose();
    }

    /// <summary>Runs a statement without parameters or rows, compiled on first use; throws what SQLite reported.</summary>
    private void Step(ref sqlite3_stmt? statement, string sql)
    {
        var database = Connection.Handle;
        if (statement is null)
        {
            SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(database, sql, out var prepared), database);
            statement = prepared;
        }

        var result = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (result != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(result, database);
        }
    }
}
