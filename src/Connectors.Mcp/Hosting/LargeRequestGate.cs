namespace Connectors.Mcp.Hosting;

/// <summary>
/// Bounds how many large request bodies the server holds at once. Reading and parsing a JSON-RPC message costs about
/// 16 × its body in managed memory (the MCP SDK's parse, then ours; docs/performance.md), so without a bound the
/// memory a burst of 4 MiB bodies costs grows with the number of connections. At most <see cref="MaxConcurrent"/>
/// requests whose body is over <see cref="LargeBodyBytes"/> (or of unknown length) are read and handled at a time;
/// others wait, holding only their connection (their body is not read yet), at most <see cref="MaxWait"/>, then get 503.
/// Small requests — every ordinary MCP call, the admin API — never wait, so other workspaces keep being answered.
/// </summary>
public sealed class LargeRequestGate(TimeProvider time)
{
    /// <summary>A body above this (or one of unknown length) takes a slot.</summary>
    public const long LargeBodyBytes = 256 * 1024;

    /// <summary>Large requests handled at once: with the 4 MiB body cap, about 4 × 16 × 4 MiB ≈ 256 MB at most.</summary>
    public const int MaxConcurrent = 4;

    /// <summary>How long a large request waits for a slot before it is answered 503.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _slots = new(MaxConcurrent, MaxConcurrent);

    /// <summary>Whether a request declaring <paramref name="contentLength"/> needs a slot.</summary>
    public static bool IsLarge(long? contentLength) => contentLength is not { } length || length > LargeBodyBytes;

    /// <summary>Slots free now (for tests and diagnostics).</summary>
    public int Available => _slots.CurrentCount;

    /// <summary>
    /// Waits for a slot, at most <see cref="MaxWait"/>. The returned handle gives the slot back when disposed;
    /// <c>null</c> when none freed up in time.
    /// </summary>
    public async Task<IDisposable?> EnterAsync(CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(MaxWait, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            await _slots.WaitAsync(linked.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }

        return new Slot(_slots);
    }

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
