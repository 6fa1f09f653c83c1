using System.Collections.Concurrent;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connectors.Mcp.Core.Pipeline.Audit;

/// <summary>
/// Audit rows of refused calls (unknown tool, invalid arguments, rate limited), so refusing cannot flood the log: per
/// workspace and window (<see cref="ToolPipelineOptions.RefusalAuditWindow"/>, from the window's first refusal) the
/// first <see cref="ToolPipelineOptions.RefusalAuditRowsPerWindow"/> refusals are written one row each; the rest are
/// counted by error code and written as one row (tool <see cref="SummaryTool"/>, status rejected, error code
/// <see cref="AuditCodes.RefusalsSuppressed"/>, the exact counts as its arguments) when the window ends — by a timer, or at the
/// workspace's next refusal, or when the process stops (disposal). The summary is an ordinary chained row. An abrupt
/// kill loses only the counts of the window then open. Counting is per process.
/// </summary>
public sealed class RefusalAudit : IAsyncDisposable, IDisposable
{
    /// <summary>The tool column of a summary row (no tool is named so: tool names are letters, digits and underscores).</summary>
    public const string SummaryTool = "(refused calls)";

    private readonly ConcurrentDictionary<string, RefusalWindow> _windows = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Task, bool> _timerWrites = new();
    private readonly IAuditLog _audit;
    private readonly TimeProvider _time;
    private readonly ILogger<RefusalAudit> _logger;
    private readonly int _budget;
    private readonly TimeSpan _length;
    private int _disposed;

    public RefusalAudit(IAuditLog audit, TimeProvider time, IOptions<ToolPipelineOptions> options, ILogger<RefusalAudit> logger)
    {
        _audit = audit;
        _time = time;
        _logger = logger;
        _budget = options.Value.RefusalAuditRowsPerWindow;
        _length = options.Value.RefusalAuditWindow;
    }

    /// <summary>Whether an audit row of this status and code is a refusal, and so goes through <see cref="RecordAsync"/>.</summary>
    public static bool IsRefusal(AuditStatus status, string? code) =>
        (status, code) is (AuditStatus.Rejected, AuditCodes.UnknownTool or AuditCodes.InvalidArguments) or (AuditStatus.RateLimited, AuditCodes.RateLimited);

    /// <summary>Writes the refusal's row while the window's budget lasts, else counts it; first writes the summary of a window that has ended.</summary>
    public async Task RecordAsync(AuditIntent intent, AuditCompletion completion)
    {
        var window = _windows.GetOrAdd(intent.WorkspaceId, static _ => new RefusalWindow());
        RefusalCounts? ended;
        bool write;
        lock (window)
        {
            ended = window.RollIfEnded(_time.GetUtcNow(), _length);
            write = window.Written < _budget;
            if (write)
            {
                window.Written++;
            }
            else
            {
                window.Count(completion.ErrorCode ?? completion.Status.ToName(), _budget, _time, state => OnWindowEnded(intent.WorkspaceId, (RefusalCounts)state!));
            }
        }

        if (ended is not null)
        {
            await WriteSummaryAsync(intent.WorkspaceId, ended);
        }

        if (write)
        {
            await _audit.RecordAsync(intent, completion, CancellationToken.None);
        }
    }

    /// <summary>Writes every pending summary (windows still open end now), after the ones a timer is writing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await Task.WhenAll(_timerWrites.Keys);
        var now = _time.GetUtcNow();
        foreach (var (workspaceId, window) in _windows)
        {
            RefusalCounts? pending;
            lock (window)
            {
                pending = window.Take(window.Suppressed);
            }

            if (pending is not null)
            {
                pending.EndAt(now);
                try
                {
                    await WriteSummaryAsync(workspaceId, pending);
                }
                catch (Exception)
                {
                    // Logged with its counts by WriteSummaryAsync; the other workspaces' summaries still go.
                }
            }
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private void OnWindowEnded(string workspaceId, RefusalCounts counts)
    {
        if (Volatile.Read(ref _disposed) == 1 || !_windows.TryGetValue(workspaceId, out var window))
        {
            return;
        }

        RefusalCounts? ended;
        lock (window)
        {
            ended = window.Take(counts);
        }

        if (ended is null)
        {
            return;
        }

        var write = WriteFromTimerAsync(workspaceId, ended);
        _timerWrites.TryAdd(write, true);
        _ = write.ContinueWith(t => _timerWrites.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task WriteFromTimerAsync(string workspaceId, RefusalCounts counts)
    {
        try
        {
            await WriteSummaryAsync(workspaceId, counts);
        }
        catch (Exception)
        {
            // Logged with its counts by WriteSummaryAsync: a timer has nobody else to tell.
        }
    }

    private async Task WriteSummaryAsync(string workspaceId, RefusalCounts counts)
    {
        var (intent, completion) = counts.ToAuditRow(workspaceId);
        try
        {
            await _audit.RecordAsync(intent, completion, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The counts are not lost silently: they are in the log line.
            _logger.LogError(ex, "Could not write the audit summary of refused calls of workspace {WorkspaceId}: {Message}", workspaceId, completion.ErrorMessage);
            throw;
        }
    }
}
