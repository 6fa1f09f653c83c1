using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Connectors.Mcp.Tests.EndToEnd;

namespace Connectors.Mcp.Tests.MultiInstance;

/// <summary>
/// <c>connectors-mcp sandbox fakes</c> as a child process on the shared database: one set of provider fakes for every
/// instance, the workspace seeded by the command itself, and its loopback status endpoint for what reached the fakes.
/// </summary>
public sealed class SandboxFakesProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _http;

    private SandboxFakesProcess(Process process, Uri status, ServerLog log)
    {
        _process = process;
        _http = new HttpClient { BaseAddress = status, Timeout = Bounded.Call };
        Log = log;
    }

    public ServerLog Log { get; }

    /// <summary>Starts <c>sandbox fakes</c> with <paramref name="arguments"/> (home and database) and waits for its ready line.</summary>
    public static async Task<SandboxFakesProcess> StartAsync(IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(ServerExecutable.DotnetHost)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[ServerExecutable.DllPath, "sandbox", "fakes", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        var log = new ServerLog();
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                log.Add(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                log.Add("[stderr] " + e.Data);
            }
        };
        var exited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.Exited += (_, _) => exited.TrySetResult();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var ready = log.WaitForLineAsync(line => line.StartsWith("sandbox fakes ready", StringComparison.Ordinal));
            var first = await Task.WhenAny(ready, exited.Task).WaitAsync(Bounded.Startup);
            if (first != ready)
            {
                throw new InvalidOperationException($"connectors-mcp sandbox fakes exited before it was ready (exit {process.ExitCode}):\n{log.Text}");
            }

            var status = (await log.WaitForLineAsync(line => line.StartsWith("status: ", StringComparison.Ordinal)))["status: ".Length..];
            return new SandboxFakesProcess(process, new Uri(status), log);
        }
        catch
        {
            Stop(process);
            process.Dispose();
            throw;
        }
    }

    /// <summary>The fakes' counters (<c>GET /status</c>).</summary>
    public async Task<JsonObject> StatusAsync() =>
        (await _http.GetFromJsonAsync<JsonObject>("status").WaitAsync(Bounded.Call))!;

    /// <summary>Token requests that reached the fake Google so far.</summary>
    public async Task<int> GoogleTokenRequestsAsync() => (int)(await StatusAsync())["google"]!["token_requests"]!;

    /// <summary>How many messages the fake Gmail sent with this subject.</summary>
    public async Task<int> SentWithSubjectAsync(string subject) =>
        (await StatusAsync())["google"]!["sent_subjects"]!.AsArray().Count(s => (string?)s == subject);

    /// <summary>Every access token the fakes issued is expired from now on (the stored ones included).</summary>
    public async Task ExpireAccessTokensAsync()
    {
        using var response = await _http.PostAsync("expire-access-tokens", content: null).WaitAsync(Bounded.Call);
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        Stop(_process);
        try
        {
            await _process.WaitForExitAsync().WaitAsync(Bounded.Shutdown);
        }
        catch (TimeoutException)
        {
        }

        _process.Dispose();
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
        }
    }
}
