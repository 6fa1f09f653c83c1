using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Pipeline;
using Connectors.Mcp.Core.Pipeline.Audit;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Mcp.Core.Tests.Pipeline.Audit;

public sealed class RefusalAuditTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RecordAsync_PastTheBudget_CountsInsteadOfWriting_AndTheWindowsEndWritesOneSummary()
    {
        var time = new FakeTimeProvider(Start);
        var log = new ListAuditLog();
        await using var refusals = Create(log, time, budget: 2);

        await refusals.RecordAsync(Refusal("ws_a", AuditStatus.Rejected, "unknown_tool", time), Completion(AuditStatus.Rejected, "unknown_tool", time));
        await refusals.RecordAsync(Refusal("ws_a", AuditStatus.RateLimited, "rate_limited", time), Completion(AuditStatus.RateLimited, "rate_limited", time));
        time.Advance(TimeSpan.FromSeconds(10));
        for (var i = 0; i < 5; i++)
        {
            await refusals.RecordAsync(Refusal("ws_a", AuditStatus.Rejected, "invalid_arguments", time), Completion(AuditStatus.Rejected, "invalid_arguments", time));
            await refusals.RecordAsync(Refusal("ws_a", AuditStatus.RateLimited, "rate_limited", time), Completion(AuditStatus.RateLimited, "rate_limited", time));
        }

        Assert.Equal(2, log.Rows.Count);

        time.Advance(TimeSpan.FromSeconds(50));

        var (intent, completion) = Assert.Single(log.Rows, r => r.Completion.ErrorCode == AuditCodes.RefusalsSuppressed);
        Assert.Equal((RefusalAudit.SummaryTool, AuditStatus.Rejected), (intent.Tool, completion.Status));
        Assert.Equal((Start, Start.AddMinutes(1)), (intent.StartedAt, completion.FinishedAt));
        var counted = JsonNode.Parse(intent.ArgumentsJson)!;
        Assert.Equal(10, counted["suppressed"]!.GetValue<long>());
        Assert.Equal(5, counted["codes"]!["invalid_arguments"]!.GetValue<long>());
        Assert.Equal(5, counted["codes"]!["rate_limited"]!.GetValue<long>());
        Assert.Equal(
            "10 refused call(s) counted, not written one row each (invalid_arguments 5, rate_limited 5), from 2026-11-26T09:00:00.000Z to 2026-11-26T09:01:00.000Z, after the window's first 2 refusal row(s).",
            completion.ErrorMessage);
    }

    [Fact]
    public async Task RecordAsync_AfterTheWindowEnded_WritesThePendingSummaryBeforeTheNewRow_WhenNoTimerFired()
    {
        var time = new TimerlessTimeProvider(Start);
        var log = new ListAuditLog();
        await using var refusals = Create(log, time, budget: 1);
        for (var i = 0; i < 4; i++)
        {
            await refusals.RecordAsync(Refusal("ws_a", AuditStatus.Rejected, "unknown_tool", time), Completion(AuditStatus.Rejected, "unknown_tool", time));
        }

        time.Advance(TimeSpan.FromMinutes(5));
        await refusals.RecordAsync(Refusal("ws_a", AuditStatus.Rejected, "unknown_tool", time), Completion(AuditStatus.Rejected, "unknown_tool", time));

        Assert.Equal(["unknown_tool", AuditCodes.RefusalsSuppressed, "unknown_tool"], log.Rows.Select(r => r.Completion.ErrorCode));
        Assert.Equal(3, JsonNode.Parse(log.Rows[1].Intent.ArgumentsJson)!["suppressed"]!.GetValue<long>());
    }

    [Fact]
    public async Task RecordAsync_EachWorkspaceHasItsOwnBudget_AndDisposeWritesWhatIsPending()
    {
        var time = new FakeTimeProvider(Start);
        var log = new ListAuditLog();
        var refusals = Create(log, time, budget: 1);
        for (var i = 0; i < 3; i++)
        {
            await refusals.RecordAsync(Refusal("ws_noisy", AuditStatus.RateLimited, "rate_limited", time), Completion(AuditStatus.RateLimited, "rate_limited", time));
        }

        await refusals.RecordAsync(Refusal("ws_quiet", AuditStatus.Rejected, "unknown_tool", time), Completion(AuditStatus.Rejected, "unknown_tool", time));
        time.Advance(TimeSpan.FromSeconds(20));

        await refusals.DisposeAsync();

        Assert.Equal([("ws_noisy", "rate_limited"), ("ws_quiet", "unknown_tool"), ("ws_noisy", AuditCodes.RefusalsSuppressed)],
            log.Rows.Select(r => (r.Intent.WorkspaceId, r.Completion.ErrorCode)));
        Assert.Equal(Start.AddSeconds(20), log.Rows[2].Completion.FinishedAt);
        Assert.Equal(2, JsonNode.Parse(log.Rows[2].Intent.ArgumentsJson)!["suppressed"]!.GetValue<long>());
    }

    [Theory]
    [InlineData(AuditStatus.Rejected, "unknown_tool", true)]
    [InlineData(AuditStatus.Rejected, "invalid_arguments", true)]
    [InlineData(AuditStatus.RateLimited, "rate_limited", true)]
    [InlineData(AuditStatus.Denied, "denied", false)]
    [InlineData(AuditStatus.Failed, "not_found", false)]
    [InlineData(AuditStatus.Succeeded, null, false)]
    public void IsRefusal_OnlyTheRefusalsBeforeAnythingRuns(AuditStatus status, string? code, bool expected) =>
        Assert.Equal(expected, RefusalAudit.IsRefusal(status, code));

    private static RefusalAudit Create(IAuditLog log, TimeProvider time, int budget) =>
        new(log, time, Options.Create(new ToolPipelineOptions { RefusalAuditRowsPerWindow = budget }), NullLogger<RefusalAudit>.Instance);

    private static AuditIntent Refusal(string workspaceId, AuditStatus status, string code, TimeProvider time) =>
        new(workspaceId, null, code == "unknown_tool" ? "nope" : "rec_read", null, "{}", null, null, "tests", time.GetUtcNow());

    private static AuditCompletion Completion(AuditStatus status, string code, TimeProvider time) => new(status, time.GetUtcNow(), code);

    /// <summary>A clock whose timers never fire, so only the next refusal (or disposal) can write a summary.</summary>
    private sealed class TimerlessTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
    {
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => new Never();

        private sealed class Never : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }

    private sealed class ListAuditLog : IAuditLog
    {
        private readonly List<(AuditIntent Intent, AuditCompletion Completion)> _rows = [];

        public IReadOnlyList<(AuditIntent Intent, AuditCompletion Completion)> Rows
        {
            get
            {
                lock (_rows)
                {
                    return [.. _rows];
                }
            }
        }

        public Task<long> RecordAsync(AuditIntent intent, AuditCompletion completion, CancellationToken cancellationToken)
        {
            lock (_rows)
            {
                _rows.Add((intent, completion));
                return Task.FromResult((long)_rows.Count);
            }
        }

        public Task<long> BeginAsync(AuditIntent intent, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task CompleteAsync(long rowId, AuditCompletion completion, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<AuditEntry>> ListAsync(string workspaceId, int limit, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<AuditVerification> VerifyAsync(string workspaceId, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
