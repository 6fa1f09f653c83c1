using System.Diagnostics;
using System.Net.Sockets;

namespace Bench.Load;

/// <summary>
/// A server under test: <c>dotnet DLL ARGS</c> with its output in a log file, its pid appended to the pid file that
/// bench/run.sh's trap kills, and killed on dispose. <see cref="Calls"/> counts what the bench sent it.
/// </summary>
public sealed class ServerProcess : IMeasuredServer, IDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    public string Name { get; }

    public int Pid => _process.Id;

    public long Calls { get; set; }

    public static async Task<ServerProcess> StartHttpAsync(string name, string dll, IReadOnlyList<string> args, int port, BenchSettings settings)
    {
        var log = Path.Combine(settings.WorkDirectory, $"{name}.log");
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        // exec: the pid we hold is the runtime's own, so /proc/PID is the server's.
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec dotnet \"$0\" \"$@\" > \"$LOG\" 2>&1");
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["LOG"] = log;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {name}");
        if (settings.PidFile is { } pidFile)
        {
            await File.AppendAllTextAsync(pidFile, $"{process.Id}\n");
        }

        var server = new ServerProcess(process, name);
        var deadline = Stopwatch.StartNew();
        while (!await AcceptsAsync(port))
        {
            if (process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(60))
            {
                server.Dispose();
                throw new InvalidOperationException($"{name} did not start listening on port {port}; see {log}:\n{(File.Exists(log) ? File.ReadAllText(log) : "")}");
            }

            await Task.Delay(100);
        }

        return server;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public TimeSpan CpuTime => ProcStats.CpuTime(Pid);

    public double RssMiB => ProcStats.RssMiB(Pid);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }

    public static async Task<bool> AcceptsAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(System.Net.IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
