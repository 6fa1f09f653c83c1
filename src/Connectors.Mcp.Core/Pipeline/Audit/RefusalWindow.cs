namespace Connectors.Mcp.Core.Pipeline.Audit;

/// <summary>
/// One workspace's current refusal window in <see cref="RefusalAudit"/>: when it ends, how many refusal rows it has
/// written, and what it has counted beyond them (with the timer that writes that summary when the window ends).
/// Guarded by locking the instance.
/// </summary>
internal sealed class RefusalWindow
{
    public DateTimeOffset Start { get; private set; } = DateTimeOffset.MinValue;

    public DateTimeOffset End { get; private set; } = DateTimeOffset.MinValue;

    public int Written { get; set; }

    public RefusalCounts? Suppressed { get; private set; }

    private ITimer? _timer;

    /// <summary>Starts a new window at <paramref name="now"/> when the current one has ended; returns what the ended one counted.</summary>
    public RefusalCounts? RollIfEnded(DateTimeOffset now, TimeSpan length)
    {
        if (now < End)
        {
            return null;
        }

        var ended = Take(Suppressed);
        Start = now;
        End = now + length;
        Written = 0;
        return ended;
    }

    /// <summary>Counts one refusal beyond the budget; the first one of the window sets a timer for its end.</summary>
    public void Count(string code, int budget, TimeProvider time, TimerCallback onEnded)
    {
        if (Suppressed is null)
        {
            Suppressed = new RefusalCounts(Start, End, budget);
            var due = End - time.GetUtcNow();
            _timer = time.CreateTimer(onEnded, Suppressed, due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }

        Suppressed.Add(code);
    }

    /// <summary>Takes the counts when they are still <paramref name="expected"/> (a late timer finds them already taken).</summary>
    public RefusalCounts? Take(RefusalCounts? expected)
    {
        if (expected is null || !ReferenceEquals(Suppressed, expected))
        {
            return null;
        }

        _timer?.Dispose();
        _timer = null;
        Suppressed = null;
        return expected;
    }
}
