using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ModelContextProtocol.Client;

namespace Connectors.Mcp.Tests.EndToEnd;

/// <summary>
/// <c>connectors-mcp serve --http --urls http://127.0.0.1:PORT …</c> as a child process. Start-up waits (bounded) for
/// its "listening" line on stderr; disposing kills the process tree and waits (bounded) for it to go.
/// </summary>
public sealed class HttpServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private HttpServerProcess(Process process, Uri baseUrl, ServerLog log)
    {
        _process = process;
        BaseUrl = baseUrl;
        Log = log;
    }

    /// <summary><c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The Streamable HTTP endpoint.</summary>
    public Uri McpUrl => new(BaseUrl, "mcp");

    /// <summary>The legacy SSE endpoint.</summary>
    public Uri SseUrl => new(BaseUrl, "mcp/sse");

    public ServerLog Log { get; }

    /// <summary>Starts <c>serve --http --urls URL --home HOME</c> plus <paramref name="extraArguments"/> (e.g. <c>--sandbox</c>).</summary>
    public static Task<HttpServerProcess> StartAsync(string home, params string[] extraArguments) =>
        StartOnPortAsync(FreePort(), home, extraArguments);

    /// <summary>The same on a given port (e.g. a killed instance started again where its load balancer expects it).</summary>
    public static async Task<HttpServerProcess> StartOnPortAsync(int port, string home, params string[] extraArguments)
    {
        var baseUrl = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo(ServerExecutable.DotnetHost)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[ServerExecutable.DllPath, "serve", "--http", "--urls", $"http://127.0.0.1:{port}", "--home", home, .. extraArguments])
        {
            start.ArgumentList.Add(argument);
        }

        var log = new ServerLog();
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                log.Add(e.Data);
            }
        };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                log.Add("[stdout] " + e.Data);
            }
        };
        var exited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.Exited += (_, _) => exited.TrySetResult();

        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var server = new HttpServerProcess(process, baseUrl, log);
        try
        {
            var listening = log.WaitForLineAsync(line => line.Contains("listening on", StringComparison.Ordinal));
            var first = await Task.WhenAny(listening, exited.Task).WaitAsync(Bounded.Startup);
            if (first != listening)
            {
                throw new InvalidOperationException($"connectors-mcp serve --http exited before listening (exit {process.ExitCode}):\n{log.Text}");
            }

            return server;
        }
        catch (TimeoutException)
        {
            await server.DisposeAsync();
            throw new TimeoutException($"connectors-mcp serve --http did not report listening within {Bounded.Startup}:\n{log.Text}");
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>An MCP client over Streamable HTTP (or legacy SSE), with the workspace API key when given.</summary>
    public async Task<McpClient> ConnectAsync(string? apiKey, HttpTransportMode mode = HttpTransportMode.StreamableHttp, McpClientOptions? options = null)
    {
        var headers = new Dictionary<string, string>();
        if (apiKey is not null)
        {
            headers["Authorization"] = $"Bearer {apiKey}";
        }

        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = mode == HttpTransportMode.Sse ? SseUrl : McpUrl,
            TransportMode = mode,
            AdditionalHeaders = headers,
            ConnectionTimeout = Bounded.Startup,
        });
        using var timeout = new CancellationTokenSource(Bounded.Startup);
        return await McpClient.CreateAsync(transport, options ?? ClientOptions.Plain(), loggerFactory: null, timeout.Token).WaitAsync(Bounded.Startup);
    }

    /// <summary>Kills the server at once (SIGKILL on Unix: no shutdown code runs) and waits, bounded, until it is gone.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync().WaitAsync(Bounded.Shutdown);
    }

    /// <summary>Asks the server to stop (SIGTERM, as a service manager would) and waits, bounded, for it to exit.</summary>
    public async Task TerminateAsync()
    {
        using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync().WaitAsync(Bounded.Shutdown);
        }

        await _process.WaitForExitAsync().WaitAsync(Bounded.Shutdown);
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
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
        {
            // Already gone, or refusing to die within the bound: nothing more a test can do.
        }
        finally
        {
            _process.Dispose();
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
