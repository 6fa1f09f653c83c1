using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Mcp.Tests.Hosting;

public sealed class InterruptedCallSweeperTests
{
    [Fact]
    public async Task Serving_ReconcilesOncePerInterval_AndAFailedSweepDoesNotStopTheNext()
    {
        var time = new FakeTimeProvider();
        var reconciler = new CountingReconciler { FailFirst = true };
        using var sweeper = new InterruptedCallSweeper(reconciler, time, NullLogger<InterruptedCallSweeper>.Instance);
        await sweeper.StartAsync(CancellationToken.None);

        // The first sweep throws (the database is away for a moment); the timer keeps going.
        await AdvanceUntilAsync(time, () => reconciler.Calls >= 2);
        var before = reconciler.Calls;
        time.Advance(InterruptedCallSweeper.Interval);
        await UntilAsync(() => reconciler.Calls == before + 1);
        await sweeper.StopAsync(CancellationToken.None);

        Assert.False(sweeper.ExecuteTask!.IsFaulted);
    }

    private static async Task AdvanceUntilAsync(FakeTimeProvider time, Func<bool> condition)
    {
        // BackgroundService starts its loop on the thread pool: advance an interval at a time until it has ticked.
        for (var i = 0; i < 200 && !condition(); i++)
        {
            time.Advance(InterruptedCallSweeper.Interval);
            for (var j = 0; j < 5 && !condition(); j++)
            {
                await Task.Delay(10);
            }
        }

        Assert.True(condition());
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 1000 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }

    private sealed class CountingReconciler : IInterruptedCallReconciler
    {
        private int _calls;

        public bool FailFirst { get; init; }

        public int Calls => Volatile.Read(ref _calls);

        public Task<int> ReconcileAsync(CancellationToken cancellationToken)
        {
            var call = Interlocked.Increment(ref _calls);
            return FailFirst && call == 1 ? Task.FromException<int>(new InvalidOperationException("database away")) : Task.FromResult(1);
        }
    }
}
