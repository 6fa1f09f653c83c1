namespace Connectors.Mcp.Commands.Doctor;

/// <summary>
/// One line of <c>doctor</c>: which check, how it stands, what is wrong (never a secret) and the command or step that
/// fixes it (<c>null</c> when nothing needs doing).
/// </summary>
internal sealed record DoctorFinding(string Check, DoctorStatus Status, string Message, string? Fix = null)
{
    public static DoctorFinding Ok(string check, string message) => new(check, DoctorStatus.Ok, message);

    public static DoctorFinding Warn(string check, string message, string fix) => new(check, DoctorStatus.Warn, message, fix);

    public static DoctorFinding Fail(string check, string message, string fix) => new(check, DoctorStatus.Fail, message, fix);
}
