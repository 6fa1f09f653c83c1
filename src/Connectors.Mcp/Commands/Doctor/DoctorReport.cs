using System.Text.Json.Nodes;
using Connectors.Mcp.Commands.Shared;

namespace Connectors.Mcp.Commands.Doctor;

/// <summary>
/// Writes the findings: one line each (<c>STATUS  CHECK  message  fix: …</c>) and a closing count for people, or with
/// <c>--json</c> one object per line (<c>name</c>, <c>status</c>, <c>message</c>, <c>fix</c>) for scripts.
/// </summary>
internal static class DoctorReport
{
    public static void Write(TextWriter writer, IReadOnlyList<DoctorFinding> findings, bool json)
    {
        if (json)
        {
            foreach (var finding in findings)
            {
                CliOutput.WriteJsonLine(writer, new JsonObject
                {
                    ["name"] = finding.Check,
                    ["status"] = Name(finding.Status),
                    ["message"] = finding.Message,
                    ["fix"] = finding.Fix,
                });
            }

            return;
        }

        var width = findings.Count == 0 ? 0 : findings.Max(f => f.Check.Length);
        foreach (var finding in findings)
        {
            var fix = finding.Fix is null ? "" : $"  fix: {finding.Fix}";
            writer.WriteLine($"{Name(finding.Status),-4}  {finding.Check.PadRight(width)}  {finding.Message}{fix}");
        }

        var failed = findings.Count(f => f.Status == DoctorStatus.Fail);
        var warned = findings.Count(f => f.Status == DoctorStatus.Warn);
        writer.WriteLine(failed == 0
            ? warned == 0 ? "All is well." : $"All is well; {warned} warning(s) worth a look."
            : $"{failed} problem(s) to fix{(warned == 0 ? "" : $", {warned} warning(s)")}.");
    }

    private static string Name(DoctorStatus status) => status switch
    {
        DoctorStatus.Ok => "ok",
        DoctorStatus.Warn => "warn",
        DoctorStatus.Fail => "fail",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };
}
