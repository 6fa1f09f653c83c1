using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Connectors.Mcp.Storage.Postgres;

/// <summary>
/// <see cref="IStorageChangeSignal"/> by LISTEN/NOTIFY: one connection of this instance listens on
/// <c>connectors_mcp_changes</c> (migration 0004's triggers notify it when workspaces, connectors or approvals change,
/// on commit, from any instance or CLI process); a notification for this instance's schema wakes the waiters of its
/// table's kind (<see cref="StorageChanges"/>). The listener starts on the first
/// wait, so a CLI command that never waits opens no extra connection. When the connection fails it is reopened after a
/// pause; meanwhile waits end on their timeout, which is the pollers' interval: a lost notification delays a poll, it
/// never loses a change (the pollers compare what they read).
/// </summary>
public sealed partial class PostgresStorageChangeSignal(PostgresDatabase database, TimeProvider time, ILogger<PostgresStorageChangeSignal>? logger = null)
    : IStorageChangeSignal, IAsyncDisposable
{
    /// <summary>The channel migration 0004's triggers notify.</summary>
    public const string Channel = "connectors_mcp_changes";

    private static readonly TimeSpan ReconnectPause = TimeSpan.FromSeconds(2);

    /// <summary>One waiters' signal per kind, in this order.</summary>
    private static readonly StorageChanges[] Kinds = [StorageChanges.Workspaces, StorageChanges.Connectors, StorageChanges.Approvals];

    private readonly ILogger _logger = logger ?? NullLogger<PostgresStorageChangeSignal>.Instance;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource[] _changed = [NewSignal(), NewSignal(), NewSignal()];
    private Task? _listener;
    private long _notifications;
    private bool _listening;

    /// <summary>How many notifications this instance has received (for tests and diagnostics).</summary>
    public long Notifications => Interlocked.Read(ref _notifications);

    public async Task WaitAsync(StorageChanges changes, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var waited = new List<Task>(Kinds.Length);
        lock (_gate)
        {
            _listener ??= Task.Run(() => ListenAsync(_stopping.Token));
            for (var i = 0; i < Kinds.Length; i++)
            {
                if ((changes & Kinds[i]) != 0)
                {
                    waited.Add(_changed[i].Task);
                }
            }
        }

        try
        {
            // The timer is cancelled as soon as a change wins, instead of running out its interval.
            await Task.WhenAny(waited).WaitAsync(timeout, time, cancellationToken);
        }
        catch (TimeoutException)
        {
        }
    }

    /// <summary>Completes once the listener is subscribed (tests: so a change made after this is seen).</summary>
    internal async Task WaitUntilListeningAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _listener ??= Task.Run(() => ListenAsync(_stopping.Token));
        }

        while (!Volatile.Read(ref _listening))
        {
            await Task.Delay(10, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_listener is { } listener)
        {
            try
            {
                await listener;
            }
            catch (OperationCanceledException)
            {
            }
        }

        _stopping.Dispose();
    }

    private async Task ListenAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await using var connection = await database.DataSource.OpenConnectionAsync(stopping);
                string schema;
                await using (var current = new NpgsqlCommand("SELECT current_schema()", connection))
                {
                    schema = (string)(await current.ExecuteScalarAsync(stopping))! + ".";
                }

                // The payload is 'schema.table': another schema's change (another deployment on this database) is not ours.
                connection.Notification += (_, e) =>
                {
                    if (e.Payload.StartsWith(schema, StringComparison.Ordinal))
                    {
                        Wake(KindOf(e.Payload[schema.Length..]));
                        Interlocked.Increment(ref _notifications);
                    }
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stopping);
                }

                // Anything may have changed while no connection listened: wake the waiters once (before saying we
                // listen, so a waiter that starts after WaitUntilListeningAsync is not woken by this).
                Wake(StorageChanges.All);
                Volatile.Write(ref _listening, true);
                while (!stopping.IsCancellationRequested)
                {
                    await connection.WaitAsync(stopping);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or System.IO.IOException)
            {
                Volatile.Write(ref _listening, false);
                LogListenFailed(ex);
                try
                {
                    await Task.Delay(ReconnectPause, time, stopping);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void Wake(StorageChanges changes)
    {
        var woken = new List<TaskCompletionSource>(Kinds.Length);
        lock (_gate)
        {
            for (var i = 0; i < Kinds.Length; i++)
            {
                if ((changes & Kinds[i]) != 0)
                {
                    woken.Add(_changed[i]);
                    _changed[i] = NewSignal();
                }
            }
        }

        foreach (var signal in woken)
        {
            signal.TrySetResult();
        }
    }

    /// <summary>Migration 0004's tables; anything else (a later trigger) wakes everyone.</summary>
    private static StorageChanges KindOf(string table) => table switch
    {
        "workspaces" => StorageChanges.Workspaces,
        "workspace_connectors" => StorageChanges.Connectors,
        "approvals" => StorageChanges.Approvals,
        _ => StorageChanges.All,
    };

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for PostgreSQL change notifications failed; pollers fall back to their interval until it reconnects.")]
    private partial void LogListenFailed(Exception exception);
}
