using Connectors.Mcp.Core.Instructions;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Commands.Doctor.Checks;

/// <summary>
/// Every workspace's audit hash chain is intact — the walk <c>audit verify</c> does (<see cref="IAuditLog.VerifyAsync"/>),
/// without settling interrupted approvals (doctor writes nothing). No workspace at all is reported with what to run.
/// </summary>
internal sealed class AuditChainCheck : IDoctorCheck
{
    public string Name => "audit";

    public async Task<IReadOnlyList<DoctorFinding>> RunAsync(DoctorContext context, CancellationToken cancellationToken)
    {
        if (!context.DatabaseReady)
        {
            return [];
        }

        var workspaces = await context.Services.GetRequiredService<IWorkspaceStore>().ListAsync(cancellationToken);
        if (workspaces.Count == 0)
        {
            return [DoctorFinding.Fail(Name, "There is no workspace yet. Start here:", HomeFolderCheck.FirstStep(context))];
        }

        var audit = context.Services.GetRequiredService<IAuditLog>();
        var findings = new List<DoctorFinding>();
        long rows = 0;
        foreach (var workspace in workspaces)
        {
            var result = await audit.VerifyAsync(workspace.Id, cancellationToken);
            rows += result.RowsChecked;
            if (!result.Intact)
            {
                findings.Add(DoctorFinding.Fail(
                    Name,
                    $"The audit chain of workspace '{workspace.Slug}' is broken at row {result.FirstBadRowId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(unknown)"}: {result.Problem ?? "no detail"}. A row was edited or deleted outside connectors-mcp; see",
                    CliInstructions.AuditVerify(workspace.Slug)));
            }
        }

        return findings.Count > 0
            ? findings
            : [DoctorFinding.Ok(Name, $"The audit chains of {workspaces.Count} workspace(s) are intact ({rows} rows checked).")];
    }
}
