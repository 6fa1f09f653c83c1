namespace Connectors.Mcp.Commands.Doctor;

/// <summary>How a finding of <c>doctor</c> stands: <c>ok</c>; <c>warn</c> (works, but worth fixing); <c>fail</c> (must be fixed).</summary>
internal enum DoctorStatus
{
    Ok,
    Warn,
    Fail,
}
