using System.CommandLine;
using Connectors.Mcp.Commands.Shared;
using Connectors.Mcp.Core.Pipeline.Approval;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Commands.Approvals;

/// <summary>
/// <c>approvals approve APPROVAL_ID [--reason TEXT]</c>: records the decision, then runs the action once through
/// <see cref="ApprovedActionRunner"/> and prints its outcome (exit 1 when the action failed). An approval that is
/// already approved but has not run (its earlier run was interrupted before anything was sent) is run without a new
/// decision. Once the run is claimed it goes to its end (bounded) even if the command is interrupted with Ctrl+C.
/// </summary>
internal sealed class ApprovalsApproveCommand : Command
{
    private readonly Argument<string> _approvalId = new("APPROVAL_ID") { Description = "The approval's id (see `approvals list`)." };

    private readonly Option<string?> _reason = new("--reason") { Description = "Why, kept with the decision.", HelpName = "TEXT" };

    public ApprovalsApproveCommand(CliContext context)
        : base("approve", "Approve a pending call and run it now (exactly once).")
    {
        Add(_approvalId);
        Add(_reason);
        SetAction((parseResult, cancellationToken) => context.RunWithServicesAsync(parseResult, cancellationToken, async (services, ct) =>
        {
            // Resolved before deciding, so a composition problem fails before any state changes.
            var runner = services.GetRequiredService<ApprovedActionRunner>();
            var id = parseResult.GetRequiredValue(_approvalId);
            var current = await services.GetRequiredService<IApprovalStore>().RequireApprovalAsync(id, ct);
            ApprovalRecord approval;
            if (current.Status == ApprovalStatus.Approved)
            {
                approval = current;
                context.Console.Error.WriteLine($"{approval.Id} ({approval.Tool}) was approved by {approval.DecidedBy} but has not run; running it now.");
            }
            else
            {
                approval = await ApprovalDecider.DecideAsync(services, id, approve: true, parseResult.GetValue(_reason), ct);
                context.Console.Error.WriteLine($"Approved {approval.Id} ({approval.Tool}); running it now.");
            }

            var outcome = await runner.RunAsync(approval.Id, ct);
            if (outcome.IsError)
            {
                context.Console.Error.WriteLine($"error: {outcome.Text}");
                return ExitCodes.Refused;
            }

            context.Console.Out.WriteLine(outcome.Text);
            return ExitCodes.Success;
        }));
    }
}
