using System.Text;
using Connectors.Mcp.Commands;
using Connectors.Mcp.Tests.Commands;

namespace Connectors.Mcp.Tests.EndToEnd;

/// <summary>
/// <c>connectors-mcp connector connect … --no-browser</c> running in the test process (real CLI, real clock, the
/// installation's home) while the test plays the browser: its stderr lines arrive as they are written, so the test can
/// read the printed URL while the command waits for the redirect.
/// </summary>
public sealed class ConnectCommandRun : IAsyncDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    private readonly StringWriter _stdout = new();
    private readonly LineWriter _stderr = new();
    private readonly CancellationTokenSource _cancellation = new(Limit);
    private readonly Task<int> _exit;

    private ConnectCommandRun(string home, string[] args) =>
        _exit = Task.Run(() => CliApp.RunAsync([.. args, "--home", home], _stdout, _stderr, _cancellation.Token));

    /// <summary>What the command wrote to stderr so far, one entry per line.</summary>
    public ServerLog Stderr => _stderr.Lines;

    public static ConnectCommandRun Start(Installation installation, params string[] args) =>
        new(installation.Home, ["connector", "connect", .. args, "--no-browser"]);

    /// <summary>The authorization URL the command printed (waits for it, bounded; fails if the command ended first).</summary>
    public async Task<Uri> AuthorizationUrlAsync()
    {
        var printed = Stderr.WaitForLineAsync(l => l.StartsWith("  http", StringComparison.Ordinal));
        var first = await Task.WhenAny(printed, _exit).WaitAsync(Bounded.Call);
        if (first != printed)
        {
            Assert.Fail($"connector connect ended before printing a URL:\n{await ResultAsync()}");
        }

        return new Uri((await printed).Trim());
    }

    /// <summary>Waits (bounded) for the command to end.</summary>
    public async Task<CliResult> ResultAsync()
    {
        var exitCode = await _exit.WaitAsync(Limit);
        return new CliResult(exitCode, _stdout.ToString(), _stderr.Lines.Text + "\n");
    }

    public async ValueTask DisposeAsync()
    {
        await _cancellation.CancelAsync();
        try
        {
            await _exit.WaitAsync(Bounded.Shutdown);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
        }

        _cancellation.Dispose();
        _stdout.Dispose();
    }

    /// <summary>A TextWriter that hands each completed line to a <see cref="ServerLog"/> (thread-safe).</summary>
    private sealed class LineWriter : TextWriter
    {
        private readonly StringBuilder _line = new();
        private readonly Lock _lock = new();

        public ServerLog Lines { get; } = new();

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            lock (_lock)
            {
                if (value == '\n')
                {
                    Lines.Add(_line.ToString().TrimEnd('\r'));
                    _line.Clear();
                }
                else
                {
                    _line.Append(value);
                }
            }
        }
    }
}
