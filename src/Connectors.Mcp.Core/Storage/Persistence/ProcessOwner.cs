using System.Diagnostics;
using System.Globalization;

namespace Connectors.Mcp.Core.Storage.Persistence;

/// <summary>
/// Identifies a process on this machine as <c>machine/pid/start</c> (start = process start time, Unix milliseconds), so
/// that a row it owns can later be recognised as orphaned: no process with that pid, or the pid reused by a process
/// that started at another time, or a zombie (killed or exited, not yet reaped by its parent: state <c>Z</c> in
/// <c>/proc/PID/stat</c>), which will never write again.
/// </summary>
public sealed record ProcessOwner(string Machine, int ProcessId, long StartedAtUnixMs)
{
    // Process start times are read from /proc (Linux) or the OS with a resolution coarser than 1 ms; two reads of the
    // same process agree within this.
    private const long StartTimeToleranceMs = 1000;

    public static ProcessOwner Current { get; } = Describe(Process.GetCurrentProcess());

    /// <summary><see cref="Current"/>'s <see cref="Text"/>, formatted once (every intent row and claim records it).</summary>
    public static string CurrentText { get; } = Current.Text;

    public string Text => string.Create(CultureInfo.InvariantCulture, $"{Machine}/{ProcessId}/{StartedAtUnixMs}");

    public static ProcessOwner? Parse(string? text)
    {
        var parts = text?.Split('/');
        return parts is { Length: 3 }
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var started)
            ? new ProcessOwner(parts[0], pid, started)
            : null;
    }

    /// <summary>
    /// Whether the owner is certainly gone. Another machine's process cannot be checked (an instance elsewhere on a shared
    /// PostgreSQL database: its claims end by their lease), so it counts as alive; so does anything this process cannot inspect.
    /// </summary>
    public bool IsGone()
    {
        if (!string.Equals(Machine, Environment.MachineName, StringComparison.Ordinal))
        {
            return false;
        }

        if (this == Current)
        {
            return false;
        }

        if (IsZombie(ProcessId))
        {
            return true;
        }

        try
        {
            using var process = Process.GetProcessById(ProcessId);
            if (process.HasExited)
            {
                return true;
            }

            return Math.Abs(Describe(process).StartedAtUnixMs - StartedAtUnixMs) > StartTimeToleranceMs;
        }
        catch (ArgumentException)
        {
            return true; // no process with this id
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            return false;
        }
    }

    /// <summary>
    /// A process that has ended but whose parent has not waited for it yet still has its pid, its /proc entry and its
    /// start time, and <see cref="Process.HasExited"/> is false for it unless it is our own child — yet it is dead.
    /// Linux only; elsewhere nothing is a zombie.
    /// </summary>
    public static bool IsZombie(int processId)
    {
        string stat;
        try
        {
            stat = File.ReadAllText(string.Create(CultureInfo.InvariantCulture, $"/proc/{processId}/stat"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        // "pid (comm) S …": the name may contain spaces and parentheses, so the state follows the last ')'.
        var end = stat.LastIndexOf(')');
        return end >= 0 && end + 2 < stat.Length && stat[end + 2] is 'Z' or 'X';
    }

    private static ProcessOwner Describe(Process process) =>
        new(Environment.MachineName, process.Id, new DateTimeOffset(process.StartTime.ToUniversalTime()).ToUnixTimeMilliseconds());
}
