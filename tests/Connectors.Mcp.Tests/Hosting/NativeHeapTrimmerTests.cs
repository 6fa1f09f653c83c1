using System.Runtime.InteropServices;
using Connectors.Mcp.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Mcp.Tests.Hosting;

public sealed class NativeHeapTrimmerTests
{
    [Fact]
    public async Task Running_TrimsOncePerInterval()
    {
        var time = new FakeTimeProvider();
        var calls = 0;
        using var trimmer = new NativeHeapTrimmer(time, () => { Interlocked.Increment(ref calls); return true; });
        await trimmer.StartAsync(CancellationToken.None);

        await AdvanceUntilAsync(time, () => trimmer.Trims >= 1);
        var before = trimmer.Trims;
        time.Advance(NativeHeapTrimmer.Interval);
        await UntilAsync(() => trimmer.Trims == before + 1);
        await trimmer.StopAsync(CancellationToken.None);

        Assert.Equal(trimmer.Trims, Volatile.Read(ref calls));
    }

    [Fact]
    public async Task WithoutGlibc_StopsAfterTheFirstAttempt()
    {
        var time = new FakeTimeProvider();
        var calls = 0;
        using var trimmer = new NativeHeapTrimmer(time, () => { Interlocked.Increment(ref calls); return false; });
        await trimmer.StartAsync(CancellationToken.None);

        await AdvanceUntilAsync(time, () => trimmer.ExecuteTask!.IsCompleted);
        time.Advance(NativeHeapTrimmer.Interval);

        Assert.Equal(1, Volatile.Read(ref calls));
        Assert.Equal(0, trimmer.Trims);
    }

    [Fact]
    public async Task OnThisMachine_TheRealTrimRuns()
    {
        // Linux with glibc: the P/Invoke resolves and the trimmer keeps going; elsewhere it stops at the first tick.
        var glibc = OperatingSystem.IsLinux() && !RuntimeInformation.RuntimeIdentifier.Contains("musl", StringComparison.Ordinal);
        var time = new FakeTimeProvider();
        using var trimmer = new NativeHeapTrimmer(time);
        await trimmer.StartAsync(CancellationToken.None);

        await AdvanceUntilAsync(time, () => trimmer.Trims >= 1 || trimmer.ExecuteTask!.IsCompleted);

        Assert.Equal(glibc, trimmer.Trims >= 1);
        Assert.Equal(!glibc, trimmer.ExecuteTask!.IsCompleted);
        await trimmer.StopAsync(CancellationToken.None);
    }

    /// <summary>
    /// BackgroundService starts ExecuteAsync on the thread pool, so its timer may not exist yet when the test advances the
    /// clock: advance an interval at a time until the first tick has been handled.
    /// </summary>
    private static async Task AdvanceUntilAsync(FakeTimeProvider time, Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            time.Advance(NativeHeapTrimmer.Interval);
            for (var j = 0; j < 5 && !condition(); j++)
            {
                await Task.Delay(10);
            }
        }

        Assert.True(condition());
    }

    /// <summary>The timer's continuation runs on the thread pool: wait (not a timing assertion) until it has.</summary>
    private static async Task UntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 1000 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}
