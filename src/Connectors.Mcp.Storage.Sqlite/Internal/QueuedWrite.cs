namespace Connectors.Mcp.Storage.Sqlite.Internal;

/// <summary>
/// One caller's write waiting in <see cref="GroupCommitWriter"/>'s queue: its work, what the work returned or threw, and
/// the caller's task, completed only once the transaction the work ran in has ended. Until the writer starts it, the
/// caller's cancellation token cancels it; once started, it runs to its commit (as a write always did).
/// </summary>
internal abstract class QueuedWrite
{
    private const int Queued = 0;
    private const int Started = 1;
    private const int Cancelled = 2;

    private readonly CancellationTokenRegistration _registration;
    private int _state;

    protected QueuedWrite(CancellationToken cancellationToken)
    {
        if (cancellationToken.CanBeCanceled)
        {
            _registration = cancellationToken.UnsafeRegister(static (write, token) => ((QueuedWrite)write!).Cancel(token), this);
        }
    }

    /// <summary>What the work threw, once it ran (its changes were rolled back to its savepoint).</summary>
    public Exception? Error { get; protected set; }

    /// <summary>Whether the caller's task has completed (delivered, failed or cancelled).</summary>
    public abstract bool IsDone { get; }

    /// <summary>Claims the write for the writer; false when its caller cancelled it first (then it is skipped).</summary>
    public bool TryStart()
    {
        if (Interlocked.CompareExchange(ref _state, Started, Queued) != Queued)
        {
            return false;
        }

        _registration.Dispose();
        return true;
    }

    /// <summary>Runs the work on the writer's connection, inside the batch's transaction; keeps its result or exception.</summary>
    public abstract void Run(PooledConnection connection);

    /// <summary>After the commit: the caller gets the work's result, or what the work threw.</summary>
    public abstract void Deliver();

    /// <summary>The transaction failed (it did not commit): the caller gets <paramref name="failure"/>.</summary>
    public abstract void Fail(Exception failure);

    protected abstract void SetCancelled(CancellationToken cancellationToken);

    private void Cancel(CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _state, Cancelled, Queued) == Queued)
        {
            SetCancelled(cancellationToken);
        }
    }
}
