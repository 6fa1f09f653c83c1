using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Connectors.Mcp.Tests.EndToEnd;

namespace Connectors.Mcp.Tests.MultiInstance;

/// <summary>
/// nginx in front of the instances, configured from <c>.ci/multi-instance/nginx.conf.template</c> in a temp folder and
/// run in the foreground (<c>daemon off</c>) as a child process. Its access log (one JSON object per request: upstream,
/// status, client tag, body) is the evidence of which instance answered what.
/// </summary>
public sealed class NginxBalancer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _prefix;

    private NginxBalancer(Process process, string prefix, Uri baseUrl)
    {
        _process = process;
        _prefix = prefix;
        BaseUrl = baseUrl;
    }

    /// <summary><c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri BaseUrl { get; }

    public Uri McpUrl => new(BaseUrl, "mcp");

    public static async Task<NginxBalancer> StartAsync(string nginx, IReadOnlyList<Uri> instances)
    {
        var prefix = Directory.CreateTempSubdirectory("connectors-mcp-nginx-").FullName + "/";
        if (!OperatingSystem.IsWindows())
        {
            // nginx's workers may run as another user when the tests run as root.
            File.SetUnixFileMode(prefix, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        var port = FreePort();
        var upstreams = string.Join('\n', instances.Select(u => $"        server 127.0.0.1:{u.Port} max_fails=1 fail_timeout=5s;"));
        var config = (await File.ReadAllTextAsync(TemplatePath()))
            .Replace("{{PREFIX}}", prefix, StringComparison.Ordinal)
            .Replace("{{LISTEN_PORT}}", port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{UPSTREAM_SERVERS}}", upstreams, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", config, StringComparison.Ordinal);
        var configPath = Path.Combine(prefix, "nginx.conf");
        await File.WriteAllTextAsync(configPath, config);

        var start = new ProcessStartInfo(nginx) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in (string[])["-p", prefix, "-c", configPath, "-e", Path.Combine(prefix, "startup.log")])
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("nginx did not start.");
        var balancer = new NginxBalancer(process, prefix, new Uri($"http://127.0.0.1:{port}/"));
        var deadline = DateTime.UtcNow + Bounded.Startup;
        while (!await AcceptsAsync(port))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                var log = await balancer.ErrorLogAsync();
                await balancer.DisposeAsync();
                throw new InvalidOperationException($"nginx did not start listening on {port}: {log}");
            }

            await Task.Delay(50);
        }

        return balancer;
    }

    /// <summary>Every request nginx logged so far (JSON objects, in order).</summary>
    public async Task<IReadOnlyList<JsonObject>> AccessLogAsync()
    {
        var path = Path.Combine(_prefix, "access.log");
        if (!File.Exists(path))
        {
            return [];
        }

        // nginx logs a request once its answer is complete, which may be just after the client read it: wait until the
        // file has stopped growing for a moment (at most 5 s) so the lines of answers already received are in.
        var length = new FileInfo(path).Length;
        for (var settled = 0; settled < 50; settled++)
        {
            await Task.Delay(150);
            var now = new FileInfo(path).Length;
            if (now == length)
            {
                break;
            }

            length = now;
        }

        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var text = await reader.ReadToEndAsync();
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!.AsObject()).ToList();
    }

    public async Task<string> ErrorLogAsync()
    {
        var text = "";
        foreach (var name in new[] { "startup.log", "error.log" })
        {
            var path = Path.Combine(_prefix, name);
            if (File.Exists(path))
            {
                // nginx logs a request once its answer is complete, which may be just after the client read it: wait until the
        // file has stopped growing for a moment (at most 5 s) so the lines of answers already received are in.
        var length = new FileInfo(path).Length;
        for (var settled = 0; settled < 50; settled++)
        {
            await Task.Delay(150);
            var now = new FileInfo(path).Length;
            if (now == length)
            {
                break;
            }

            length = now;
        }

        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                using var reader = new StreamReader(stream);
                text += await reader.ReadToEndAsync();
            }
        }

        return text;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync().WaitAsync(Bounded.Shutdown);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
        }
        finally
        {
            _process.Dispose();
        }

        try
        {
            Directory.Delete(_prefix, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string TemplatePath()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Connectors.Mcp.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("No Connectors.Mcp.sln above the tests."),
            ".ci", "multi-instance", "nginx.conf.template");
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port).WaitAsync(TimeSpan.FromSeconds(1));
            return true;
        }
        catch (Exception ex) when (ex is SocketException or TimeoutException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}
