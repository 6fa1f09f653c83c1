using System.Diagnostics;
using System.Text;

namespace Connectors.Mcp.Tests.Packaging;

/// <summary>A command run to completion (dotnet pack, dotnet tool install, the tool itself), its output kept for messages.</summary>
public sealed record ProcessRun(string Command, int ExitCode, string Output)
{
    /// <summary>
    /// Runs <paramref name="fileName"/> in <paramref name="workingDirectory"/>, without the MSBuild variables the test
    /// host may carry (a nested dotnet pack must not inherit them); kills it after <paramref name="timeout"/>.
    /// </summary>
    public static async Task<ProcessRun> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var command = $"{fileName} {string.Join(' ', start.ArgumentList)}";
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"`{command}` did not finish within {timeout}:\n{Text(output)}");
        }

        // The parameterless wait also drains the redirected streams.
        process.WaitForExit();
        return new ProcessRun(command, process.ExitCode, Text(output));
    }

    /// <summary>Fails the test with the command's output unless it exited 0.</summary>
    public ProcessRun Succeeded()
    {
        Assert.True(ExitCode == 0, $"`{Command}` exited {ExitCode}:\n{Output}");
        return this;
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
