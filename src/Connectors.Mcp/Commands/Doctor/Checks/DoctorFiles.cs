namespace Connectors.Mcp.Commands.Doctor.Checks;

/// <summary>File modes as people read them (<c>0644</c>).</summary>
internal static class DoctorFiles
{
    public static string Mode(string path) =>
        OperatingSystem.IsWindows() ? "n/a" : "0" + Convert.ToString((int)File.GetUnixFileMode(path), 8).PadLeft(3, '0');
}
