using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Connectors.Mcp.Storage.Sqlite.Internal;

/// <summary>
/// Group commit for one <see cref="SqliteDatabase"/>: writes are queued, and one drainer at a time takes every write
/// queued so far (at most <see cref="MaxBatch"/>) and runs them one after the other in ONE <c>BEGIN IMMEDIATE</c>
/// transaction, each in its own savepoint, then commits once — one WAL sync for the whole batch. Each caller's task
/// completes only after that commit returned, so a caller still returns only once its write is durable; concurrent
/// callers share the commit instead of queueing on the write lock one by one.
/// </summary>
/// <remarks>
/// <para>
/// A write whose work throws is rolled back to its savepoint and its caller gets the exception; the others commit. If
/// the transaction itself fails (BEGIN, a savepoint, the COMMIT, or SQLite rolled it all back after an I/O or disk-full
/// error), nothing of the batch committed and every caller of the batch gets that failure. Results are delivered only
/// after the transaction ended, because a write may have seen a batch-mate's change (the batch runs as if the writes
/// had been committed one after the other, in queue order): nobody is told anything the database did not keep.
/// </para>
/// <para>
/// No waiting for a batch to fill: a caller that finds no drainer becomes it and runs the batch on its own thread at
/// once (a lone write costs what it did before), until its own write is done; writes queued meanwhile are handed to a
/// thread-pool drainer, which runs batches until the queue is empty. Other processes are serialised by BEGIN IMMEDIATE
/// as before. A write's work must not start another write (it would wait for its own transaction): that is refused.
/// </para>
/// </remarks>
internal sealed class GroupCommitWriter(Func<PooledConnection> open) : IDisposable
{
    /// <summary>At most this many writes share a transaction, so one commit never holds the write lock for long.</summary>
    public const int MaxBatch = 64;

    private static readonly TimeSpan DisposeWait = TimeSpan.FromMinutes(1);

    // Set while a write's work runs on this thread: a write (or a dispose) started from inside it is refused.
    [ThreadStatic]
    private static bool t_inWrite;

    private readonly ConcurrentQueue<QueuedWrite> _queue = new();
    private readonly List<QueuedWrite> _batch = new(MaxBatch);
    private PooledConnection? _connection;
    private int _draining;
    private long _commits;
    private volatile bool _disposed;

    /// <summary>Transactions committed so far (for tests: concurrent writes share them).</summary>
    public long Commits => Interlocked.Read(ref _commits);

    public Task<T> EnqueueAsync<T>(Func<PooledConnection, T> work, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        if (t_inWrite)
        {
            return Task.FromException<T>(new InvalidOperationException(
                "A database write cannot start another write from inside its work: it would wait for its own transaction. Do both in one write."));
        }

        if (_disposed)
        {
            return Task.FromException<T>(new ObjectDisposedException(nameof(SqliteDatabase)));
        }

        var write = new QueuedWrite<T>(work, cancellationToken);
        _queue.Enqueue(write);
        if (Interlocked.CompareExchange(ref _draining, 1, 0) == 0)
        {
            DrainUntilDone(write);
        }

        return write.Task;
    }

    /// <summary>
    /// Refuses new writes, waits for the queued ones to commit (each batch is bounded by the busy timeout; the wait by
    /// <see cref="DisposeWait"/>), then closes the writer's connection (or leaves that to a drainer still running).
    /// </summary>
    public void Dispose()
    {
        if (t_inWrite)
        {
            throw new InvalidOperationException("The database cannot be disposed from inside one of its writes.");
        }

        _disposed = true;
        SpinWait.SpinUntil(() => Volatile.Read(ref _draining) == 0 && _queue.IsEmpty, DisposeWait);

        // A drainer that finished before _disposed was set left the connection open.
        if (Interlocked.CompareExchange(ref _draining, 1, 0) == 0)
        {
            CloseConnection();
            if (!TryRelease())
            {
                DrainAll();
            }
        }
    }

    /// <summary>The caller's own thread drains until its write is done, then hands what is left to the thread pool.</summary>
    private void DrainUntilDone(QueuedWrite own)
    {
        while (!own.IsDone)
        {
            RunBatch();
        }

        if (_queue.IsEmpty && TryRelease())
        {
            return;
        }

        ThreadPool.UnsafeQueueUserWorkItem(static writer => writer.DrainAll(), this, preferLocal: false);
    }

    private void DrainAll()
    {
        do
        {
            while (!_queue.IsEmpty)
            {
                RunBatch();
            }
        }
        while (!TryRelease());
    }

    /// <summary>Gives up the drainer role; false when a write arrived meanwhile and this thread took the role back.</summary>
    private bool TryRelease()
    {
        if (_disposed)
        {
            CloseConnection();
        }

        // A full fence: a writer that enqueued and then found _draining set is seen by the check below.
        Interlocked.Exchange(ref _draining, 0);
        return _queue.IsEmpty || Interlocked.CompareExchange(ref _draining, 1, 0) != 0;
    }

    private void RunBatch()
    {
        _batch.Clear();
        while (_batch.Count < MaxBatch && _queue.TryDequeue(out var queued))
        {
            if (queued.TryStart())
            {
                _batch.Add(queued);
            }
        }

        if (_batch.Count == 0)
        {
            return;
        }

        var failure = Commit(_batch);
        foreach (var write in _batch)
        {
            if (failure is null)
            {
                write.Deliver();
            }
            else
            {
                write.Fail(failure);
            }
        }

        if (failure is not null || _batch.Exists(w => w.Error is SqliteException))
        {
            // Whatever state the failure left the connection in, it is not used again.
            CloseConnection();
        }

        _batch.Clear();
    }

    /// <summary>Runs the batch in one transaction and commits what succeeded; returns the failure of the transaction, if any.</summary>
    private Exception? Commit(List<QueuedWrite> batch)
    {
        // One write alone needs no savepoint: if it throws, the whole transaction is rolled back.
        var savepoints = batch.Count > 1;
        PooledConnection? connection = null;
        try
        {
            connection = _connection ??= open();
            var transaction = connection.BeginImmediate();
            var succeeded = 0;
            foreach (var write in batch)
            {
                if (savepoints)
                {
                    connection.Savepoint();
                }

                Run(write, connection);
                if (write.Error is null)
                {
                    succeeded++;
                    if (savepoints)
                    {
                        connection.ReleaseSavepoint();
                    }
                }
                else if (!connection.InTransaction)
                {
                    // SQLite rolled the whole transaction back (an I/O error, a full disk): the batch's earlier writes are gone too.
                    return write.Error;
                }
                else if (savepoints)
                {
                    connection.RollbackToSavepoint();
                }
            }

            if (succeeded > 0)
            {
                transaction.Commit();
                Interlocked.Increment(ref _commits);
            }

            return null;
        }
        catch (Exception exception)
        {
            return exception;
        }
        finally
        {
            connection?.EndTransaction(); // rolls back what did not commit
        }
    }

    private static void Run(QueuedWrite write, PooledConnection connection)
    {
        t_inWrite = true;
        try
        {
            write.Run(connection);
        }
        finally
        {
            t_inWrite = false;
        }
    }

    private void CloseConnection()
    {
        var connection = _connection;
        _connection = null;
        connection?.Dispose();
    }
}
