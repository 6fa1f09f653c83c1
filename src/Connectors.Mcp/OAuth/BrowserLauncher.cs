using System.Diagnostics;

namespace Connectors.Mcp.OAuth;

/// <summary>
/// Opens a URL in the person's browser when there is one: <c>$BROWSER</c> (commands separated by the path separator,
/// <c>%s</c> standing for the URL), else <c>open</c> on macOS, the shell on Windows, <c>xdg-open</c> on a Linux
/// desktop (<c>$DISPLAY</c> or <c>$WAYLAND_DISPLAY</c> set). Never throws: without a browser the printed URL is the way.
/// The browser's own output is swallowed, so stdout keeps carrying only the command's result.
/// </summary>
internal static class BrowserLauncher
{
    public static bool TryOpen(Uri url)
    {
        foreach (var start in Candidates(url.AbsoluteUri))
        {
            if (TryStart(start))
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<ProcessStartInfo> Candidates(string url)
    {
        if (Environment.GetEnvironmentVariable("BROWSER") is { Length: > 0 } browsers)
        {
            foreach (var entry in browsers.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var words = entry.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var start = new ProcessStartInfo(words[0]);
                var placed = false;
                foreach (var word in words.Skip(1))
                {
                    placed |= word.Contains("%s", StringComparison.Ordinal);
                    start.ArgumentList.Add(word.Replace("%s", url, StringComparison.Ordinal));
                }

                if (!placed)
                {
                    start.ArgumentList.Add(url);
                }

                yield return start;
            }

            yield break;
        }

        if (OperatingSystem.IsWindows())
        {
            yield return new ProcessStartInfo(url) { UseShellExecute = true };
        }
        else if (OperatingSystem.IsMacOS())
        {
            yield return new ProcessStartInfo("open") { ArgumentList = { url } };
        }
        else if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY")) || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WAYLAND_DISPLAY")))
        {
            yield return new ProcessStartInfo("xdg-open") { ArgumentList = { url } };
        }
    }

    private static bool TryStart(ProcessStartInfo start)
    {
        if (!start.UseShellExecute)
        {
            start.RedirectStandardOutput = true;
            start.RedirectStandardError = true;
            start.RedirectStandardInput = true;
        }

        try
        {
            var process = Process.Start(start);
            if (process is null)
            {
                return false;
            }

            if (!start.UseShellExecute)
            {
                process.OutputDataReceived += (_, _) => { };
                process.ErrorDataReceived += (_, _) => { };
                process.BeginOutputReadLine();
                process.BeginErrorReadLine();
                process.StandardInput.Close();
            }

            process.EnableRaisingEvents = true;
            process.Exited += (_, _) => process.Dispose();
            return true;
        }
        catch (Exception exception) when (exception is System.ComponentModel.Win32Exception or InvalidOperationException or PlatformNotSupportedException)
        {
            return false;
        }
    }
}
