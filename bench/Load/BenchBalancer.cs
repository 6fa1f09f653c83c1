using System.Diagnostics;

namespace Bench.Load;

/// <summary>
/// nginx round robin in front of the instances, from the same template the multi-instance tests use
/// (.ci/multi-instance/nginx.conf.template), run in the foreground from a folder of its own and stopped on dispose.
/// </summary>
public sealed class BenchBalancer : IDisposable
{
    private readonly Process _process;

    private BenchBalancer(Process process, int port)
    {
        _process = process;
        Endpoint = new Uri($"http://127.0.0.1:{port}/mcp");
    }

    public Uri Endpoint { get; }

    public static async Task<BenchBalancer> StartAsync(BenchSettings settings, string nginx, IReadOnlyList<int> instancePorts)
    {
        var prefix = Path.Combine(settings.WorkDirectory, "nginx") + "/";
        Directory.CreateDirectory(prefix);
        var port = ServerProcess.FreePort();
        var template = await File.ReadAllTextAsync(Path.Combine(settings.RepositoryRoot, ".ci", "multi-instance", "nginx.conf.template"));
        var config = template
            .Replace("{{PREFIX}}", prefix, StringComparison.Ordinal)
            .Replace("{{LISTEN_PORT}}", port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{UPSTREAM_SERVERS}}", string.Join('\n', instancePorts.Select(p => $"        server 127.0.0.1:{p} max_fails=1 fail_timeout=5s;")), StringComparison.Ordinal)
            // The bench measures throughput: no access log line per request.
            .Replace("access_log " + prefix + "access.log balancer;", "access_log off;", StringComparison.Ordinal);
        await File.WriteAllTextAsync(prefix + "nginx.conf", config);
        var start = new ProcessStartInfo(nginx) { UseShellExecute = false, RedirectStandardError = true };
        foreach (var arg in new[] { "-p", prefix, "-c", prefix + "nginx.conf", "-e", prefix + "error.log" })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start nginx");
        if (settings.PidFile is { } pidFile)
        {
            await File.AppendAllTextAsync(pidFile, $"{process.Id}\n");
        }

        var balancer = new BenchBalancer(process, port);
        for (var waited = 0; !await ServerProcess.AcceptsAsync(port); waited++)
        {
            if (process.HasExited || waited > 100)
            {
                balancer.Dispose();
                throw new InvalidOperationException($"nginx did not start: {await process.StandardError.ReadToEndAsync()}");
            }

            await Task.Delay(100);
        }

        return balancer;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }
}
