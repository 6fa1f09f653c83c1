namespace Bench.Load;

/// <summary>A process's CPU time (user + system, from /proc/PID/stat) and resident size (VmRSS, /proc/PID/status).</summary>
public static class ProcStats
{
    /// <summary>USER_HZ: the unit of /proc/PID/stat's utime and stime; 100 on every mainstream Linux build.</summary>
    private const double TicksPerSecond = 100;

    public static TimeSpan CpuTime(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // The command name (field 2) may hold spaces; the fields after its closing parenthesis are fixed.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11]) + long.Parse(fields[12]); // utime, stime (fields 14 and 15 of stat)
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    public static double RssMiB(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0]) / 1024.0;
            }
        }

        throw new InvalidOperationException($"no VmRSS for process {pid}");
    }
}
