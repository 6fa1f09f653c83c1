using System.CommandLine;
using Connectors.Mcp.Commands.Shared;

namespace Connectors.Mcp.Commands.Approvals;

/// <summary><c>approvals deny APPROVAL_ID [--reason TEXT]</c>: the call never runs; the agent sees <c>denied</c>.</summary>
internal sealed class ApprovalsDenyCommand : Command
{
    private readonly Argument<string> _approvalId = new("APPROVAL_ID") { Description = "The approval's id (see `approvals list`)." };

    private readonly Option<string?> _reason = new("--reason") { Description = "Why, kept with the decision.", HelpName = "TEXT" };

    public ApprovalsDenyCommand(CliContext context)
        : base("deny", "Deny a pending call: it never runs.")
    {
        Add(_approvalId);
        Add(_reason);
        SetAction((parseResult, cancellationToken) => context.RunWithServicesAsync(parseResult, cancellationToken, async (services, ct) =>
        {
            var approval = await ApprovalDecider.DecideAsync(services, parseResult.GetRequiredValue(_approvalId), approve: false, parseResult.GetValue(_reason), ct);
            context.Console.Out.WriteLine($"Denied {approval.Id} ({approval.Tool}).");
            return ExitCodes.Success;
        }));
    }
}
