using System.CommandLine;
using Connectors.Mcp.Commands.Shared;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Commands.Audit;

/// <summary>
/// <c>audit verify SLUG</c>: walks the workspace's hash chain. Exit 0 and the number of rows checked when intact;
/// exit 1 with the first bad row and what is wrong with it otherwise. Unfinished work is named either way: started rows
/// not yet final, approvals whose interrupted run it settled first (their rows are then checked too), and approvals
/// still running (with their lease).
/// </summary>
internal sealed class AuditVerifyCommand : Command
{
    private readonly Argument<string> _slug = new("SLUG") { Description = "The workspace." };

    public AuditVerifyCommand(CliContext context)
        : base("verify", "Check that no audit row was edited or deleted.")
    {
        Add(_slug);
        SetAction((parseResult, cancellationToken) => context.RunWithServicesAsync(parseResult, cancellationToken, async (services, ct) =>
        {
            var workspace = await services.GetRequiredService<IWorkspaceStore>().RequireWorkspaceAsync(parseResult.GetRequiredValue(_slug), ct);
            var approvals = services.GetRequiredService<IApprovalStore>();
            var settled = await approvals.SettleInterruptedAsync(workspace.Id, ct);
            var result = await services.GetRequiredService<IAuditLog>().VerifyAsync(workspace.Id, ct);
            var running = await approvals.ListAsync(workspace.Id, ApprovalStatus.Running, ct);
            var unfinished = (result.UnfinishedRows > 0
                ? $" {result.UnfinishedRows} started row(s) are not final yet (in flight, or the process died) and are not chained."
                : "") + ApprovalsNote(settled, running);
            if (result.Intact)
            {
                context.Console.Out.WriteLine($"Audit chain of workspace '{workspace.Slug}' is intact: {result.RowsChecked} rows checked.{unfinished}");
                return ExitCodes.Success;
            }

            context.Console.Error.WriteLine(
                $"error: Audit chain of workspace '{workspace.Slug}' is broken at row {result.FirstBadRowId?.ToString() ?? "(unknown)"}: " +
                $"{result.Problem ?? "no detail"}. {result.RowsChecked} rows checked.{unfinished}");
            return ExitCodes.Refused;
        }));
    }

    private static string ApprovalsNote(IReadOnlyList<ApprovalRecord> settled, IReadOnlyList<ApprovalRecord> running)
    {
        var note = "";
        if (settled.Count > 0)
        {
            note += $" Settled {settled.Count} approval run(s) whose process was gone or whose lease was over: "
                + string.Join(", ", settled.Select(a => a.Status == ApprovalStatus.Approved
                    ? $"{a.Id} back to approved (nothing was sent)"
                    : $"{a.Id} failed ({ApprovalLease.InterruptedError})"))
                + ".";
        }

        if (running.Count > 0)
        {
            note += $" {running.Count} approval(s) are running: "
                + string.Join(", ", running.Select(a => a.LeaseUntil is { } lease ? $"{a.Id} (lease until {CliOutput.Time(lease)!.GetValue<string>()})" : a.Id))
                + ".";
        }

        return note;
    }
}
