using System.Diagnostics;

namespace Bench.Load;

/// <summary>
/// N sessions, each one worker sending its next request as soon as the last one answered, on keep-alive connections:
/// a warm-up, then a measured window in which only calls that started and ended inside it count. The server's CPU time
/// is read from /proc at both ends of the window.
/// </summary>
public sealed class LoadRunner(HttpClient http)
{
    public async Task<LoadResult> RunAsync(
        IMeasuredServer server, Uri endpoint, string? apiKey, int sessions, Func<McpHttpSession, CancellationToken, Task<CallOutcome>> call,
        TimeSpan warmUp, TimeSpan measure)
    {
        var opened = await OpenAsync(endpoint, apiKey, sessions);
        var clock = Stopwatch.StartNew();
        var windowStart = warmUp;
        var windowEnd = warmUp + measure;
        var latencies = new List<double>[sessions];
        var failures = new long[sessions];
        var firstFailure = (string?)null;
        var total = 0L;
        TimeSpan cpuStart = default, cpuEnd = default;
        double rss = 0;

        var sampler = Task.Run(async () =>
        {
            await Task.Delay(windowStart);
            cpuStart = server.CpuTime;
            await Task.Delay(windowEnd - windowStart);
            cpuEnd = server.CpuTime;
            rss = server.RssMiB;
        });

        var workers = Enumerable.Range(0, sessions).Select(i => Task.Run(async () =>
        {
            var mine = latencies[i] = new List<double>(4096);
            while (clock.Elapsed < windowEnd)
            {
                var started = clock.Elapsed;
                var outcome = await call(opened[i], CancellationToken.None);
                Interlocked.Increment(ref total);
                var ended = clock.Elapsed;
                if (started < windowStart || ended > windowEnd)
                {
                    continue;
                }

                if (!outcome.Ok)
                {
                    failures[i]++;
                    Interlocked.CompareExchange(ref firstFailure, outcome.Failure, null);
                }

                mine.Add(outcome.Latency.TotalMilliseconds);
            }
        })).ToArray();

        await Task.WhenAll(workers);
        await sampler;
        server.Calls += total;

        var all = latencies.SelectMany(l => l).Order().ToArray();
        var calls = all.Length;
        var cpu = cpuEnd - cpuStart;
        return new LoadResult(
            sessions,
            calls,
            failures.Sum(),
            calls / measure.TotalSeconds,
            Percentile(all, 0.50),
            Percentile(all, 0.99),
            calls == 0 ? double.NaN : cpu.TotalMicroseconds / calls,
            cpu.TotalSeconds / measure.TotalSeconds,
            rss,
            firstFailure);
    }

    public async Task<McpHttpSession[]> OpenAsync(Uri endpoint, string? apiKey, int sessions)
    {
        var opened = new McpHttpSession[sessions];
        for (var i = 0; i < sessions; i++)
        {
            opened[i] = new McpHttpSession(http, endpoint, apiKey);
            await opened[i].InitializeAsync(CancellationToken.None);
        }

        return opened;
    }

    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
