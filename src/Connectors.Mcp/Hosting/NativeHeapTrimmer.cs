using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;

namespace Connectors.Mcp.Hosting;

/// <summary>
/// Gives the C library's free memory back to the system every <see cref="Interval"/> (<c>malloc_trim(0)</c>, Linux with
/// glibc). glibc gives threads that malloc at the same time separate arenas — up to 8 per core, most of them created by
/// the runtime's own threads before Main — and an arena keeps the pages freed into it. The server's native allocations
/// (SQLite statements and page caches, Kestrel, TLS) come from whichever thread-pool thread runs a call, so after a burst
/// of concurrent calls the arenas held their peak: measured on 2 cores after 64 sessions of calls, about 20 MiB in 11–17
/// arenas stayed resident while idle. <c>MALLOC_ARENA_MAX=2</c> would avoid it but only works when set before the process
/// starts (users launch <c>connectors-mcp</c> directly); <c>mallopt</c> from Main comes too late for the arenas that
/// exist by then. Trimming returns whole free pages of every arena (madvise), without moving anything still in use.
/// Elsewhere (musl, Windows, macOS) it does nothing.
/// </summary>
public sealed class NativeHeapTrimmer(TimeProvider time) : BackgroundService
{
    /// <summary>How often free pages go back; a trim walks each arena's free lists once (well under a millisecond here).</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    private readonly Func<bool> _trim = OperatingSystem.IsLinux() ? TrimGlibc : () => false;
    private int _trims;

    internal NativeHeapTrimmer(TimeProvider time, Func<bool> trim)
        : this(time) => _trim = trim;

    /// <summary>Trims done so far (for tests).</summary>
    internal int Trims => Volatile.Read(ref _trims);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (!_trim())
            {
                return; // no glibc: nothing to trim, ever
            }

            Interlocked.Increment(ref _trims);
        }
    }

    private static bool TrimGlibc()
    {
        try
        {
            _ = MallocTrim(0);
            return true;
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
    }

    // DllImport rather than LibraryImport: the signature is blittable, and LibraryImport would need unsafe code allowed.
#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
#pragma warning restore SYSLIB1054
}
