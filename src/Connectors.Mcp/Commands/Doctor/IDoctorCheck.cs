namespace Connectors.Mcp.Commands.Doctor;

/// <summary>
/// One check of <c>doctor</c>. Returns its findings (one per problem, or one <c>ok</c>), or none when an earlier check
/// already said what stops it (no home, no database, an unusable master key).
/// </summary>
internal interface IDoctorCheck
{
    /// <summary>The check's name in the output (<c>home</c>, <c>master-key</c> …).</summary>
    string Name { get; }

    Task<IReadOnlyList<DoctorFinding>> RunAsync(DoctorContext context, CancellationToken cancellationToken);
}
