namespace Connectors.Mcp.Storage.Sqlite.Internal;

/// <summary>A <see cref="QueuedWrite"/> whose work returns a <typeparamref name="T"/>.</summary>
internal sealed class QueuedWrite<T>(Func<PooledConnection, T> work, CancellationToken cancellationToken) : QueuedWrite(cancellationToken)
{
    // Callers' continuations run on the thread pool, never on the writer's thread (which has the next batch to commit).
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;

    public Task<T> Task => _completion.Task;

    public override bool IsDone => _completion.Task.IsCompleted;

    public override void Run(PooledConnection connection)
    {
        try
        {
            _result = work(connection);
        }
        catch (Exception exception)
        {
            Error = exception;
        }
    }

    public override void Deliver()
    {
        if (Error is null)
        {
            _completion.TrySetResult(_result!);
        }
        else
        {
            _completion.TrySetException(Error);
        }
    }

    public override void Fail(Exception failure) => _completion.TrySetException(failure);

    protected override void SetCancelled(CancellationToken cancellationToken) => _completion.TrySetCanceled(cancellationToken);
}
