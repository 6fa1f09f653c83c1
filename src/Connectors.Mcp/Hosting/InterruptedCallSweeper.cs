using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Connectors.Mcp.Hosting;

/// <summary>
/// Runs the interrupted-call reconciler every <see cref="Interval"/> while serving, not only at start: with several
/// instances on one database, the one that died is not the one that restarts, and its <c>started</c> rows and claims
/// should not wait for a restart of their own. The reconciler only completes rows whose owner is certainly gone (a dead
/// pid on this machine; on PostgreSQL, a free liveness lock), never re-runs anything, and two instances sweeping at
/// once complete each row once.
/// </summary>
public sealed partial class InterruptedCallSweeper(IInterruptedCallReconciler reconciler, TimeProvider time, ILogger<InterruptedCallSweeper> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var interrupted = await reconciler.ReconcileAsync(stoppingToken);
                if (interrupted > 0)
                {
                    LogReconciled(interrupted);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogSweepFailed(ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Marked {Count} call(s) of a process that ended mid-call as failed (error code interrupted); their outcome at the provider is unknown and they were not re-run.")]
    private partial void LogReconciled(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweeping calls interrupted by ended processes failed; will retry.")]
    private partial void LogSweepFailed(Exception exception);
}
