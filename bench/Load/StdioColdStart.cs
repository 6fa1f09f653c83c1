using System.Diagnostics;

namespace Bench.Load;

/// <summary>
/// Spawn → initialize → tools/list answered, over stdio, timed from Process.Start to the tools/list answer; the median
/// of several runs (each a fresh process, so each pays the whole start-up).
/// </summary>
public static class StdioColdStart
{
    public static async Task<double> MedianMsAsync(string dll, IReadOnlyList<string> args, int runs)
    {
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            times.Add(await OnceMsAsync(dll, args));
        }

        times.Sort();
        return times[times.Count / 2];
    }

    private static async Task<double> OnceMsAsync(string dll, IReadOnlyList<string> args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {dll}");
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"bench-load","version":"1"}}}""");
            await process.StandardInput.FlushAsync();
            await ReadAnswerAsync(process, "\"id\":1", timeout.Token);
            await process.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""");
            await process.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","id":2,"method":"tools/list","params":{}}""");
            await process.StandardInput.FlushAsync();
            await ReadAnswerAsync(process, "\"id\":2", timeout.Token);
            return clock.Elapsed.TotalMilliseconds;
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static async Task ReadAnswerAsync(Process process, string id, CancellationToken cancellationToken)
    {
        while (await process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Contains(id, StringComparison.Ordinal) && line.Contains("\"result\"", StringComparison.Ordinal))
            {
                return;
            }
        }

        throw new InvalidOperationException($"{process.StartInfo.ArgumentList[0]} closed stdout before answering {id}");
    }
}
