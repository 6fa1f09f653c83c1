using System.Diagnostics;
using System.Globalization;
using Connectors.Mcp.Core.Storage.Persistence;

namespace Connectors.Mcp.Storage.Sqlite.Tests.Internal;

public sealed class ProcessOwnerTests
{
    [Fact]
    public void IsGone_ThisProcess_IsFalse()
    {
        Assert.False(ProcessOwner.Current.IsGone());
        Assert.False(ProcessOwner.IsZombie(Environment.ProcessId));
    }

    /// <summary>
    /// A killed process whose parent has not waited for it yet (a zombie: state Z in /proc/PID/stat) keeps its pid, its
    /// /proc entry and its start time, so pid and start time alone said it was alive. Its parent here is a shell that
    /// exec'd into sleep, which never waits for children.
    /// </summary>
    [Fact]
    public async Task IsGone_KilledButNotYetReapedProcess_IsGone()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var parent = Process.Start(new ProcessStartInfo("sh", ["-c", "sleep 60 & echo $!; exec sleep 60"]) { RedirectStandardOutput = true, UseShellExecute = false })!;
        try
        {
            var childPid = int.Parse((await parent.StandardOutput.ReadLineAsync())!, CultureInfo.InvariantCulture);
            using var child = Process.GetProcessById(childPid);
            var owner = new ProcessOwner(Environment.MachineName, childPid, new DateTimeOffset(child.StartTime.ToUniversalTime()).ToUnixTimeMilliseconds());
            Assert.False(owner.IsGone());

            using (var kill = Process.Start("kill", ["-KILL", childPid.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }

            await WaitUntilAsync(() => ProcessOwner.IsZombie(childPid));
            Assert.True(File.Exists($"/proc/{childPid}/stat"), "the zombie keeps its /proc entry");
            Assert.True(owner.IsGone());
        }
        finally
        {
            parent.Kill();
            await parent.WaitForExitAsync();
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
