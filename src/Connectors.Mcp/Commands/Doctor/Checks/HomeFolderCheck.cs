using Connectors.Mcp.Core.Instructions;

namespace Connectors.Mcp.Commands.Doctor.Checks;

/// <summary>
/// The home folder exists and can be listed, and (on Unix) only its owner can enter it. A home that does not exist yet
/// is a fresh install: the finding says what to run first, and the checks that need the home say nothing.
/// </summary>
internal sealed class HomeFolderCheck : IDoctorCheck
{
    private const UnixFileMode OthersAccess = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    public string Name => "home";

    public Task<IReadOnlyList<DoctorFinding>> RunAsync(DoctorContext context, CancellationToken cancellationToken)
    {
        var directory = context.Home.Directory;
        if (!Directory.Exists(directory))
        {
            return Result(DoctorFinding.Fail(Name, $"{directory} does not exist yet: nothing is set up here. Start here:", FirstStep(context)));
        }

        try
        {
            using var entries = Directory.EnumerateFileSystemEntries(directory).GetEnumerator();
            entries.MoveNext();
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            return Result(DoctorFinding.Fail(Name, $"{directory} cannot be read by this user ({ex.GetType().Name}).", $"chown $(whoami) {directory} && chmod 700 {directory}"));
        }

        context.HomeReady = true;
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(directory) & OthersAccess) != 0)
        {
            return Result(DoctorFinding.Warn(Name, $"{directory} can be entered by group or others (mode {DoctorFiles.Mode(directory)}); it holds the database and the master key.", $"chmod 700 {directory}"));
        }

        return Result(DoctorFinding.Ok(Name, $"{directory} exists and is readable."));
    }

    /// <summary>What a fresh home needs first: the sandbox seeds itself when served; a real home needs a workspace.</summary>
    public static string FirstStep(DoctorContext context) =>
        context.Home.IsSandbox ? CliInstructions.ServeSandbox : CliInstructions.WorkspaceCreate("SLUG");

    private static Task<IReadOnlyList<DoctorFinding>> Result(DoctorFinding finding) => Task.FromResult<IReadOnlyList<DoctorFinding>>([finding]);
}
