using System.CommandLine;
using Connectors.Mcp.Commands.Shared;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Commands.Approvals;

/// <summary>
/// <c>approvals list SLUG [--json]</c>: approval_id, tool, status, summary, expires_at; newest first. Listing settles
/// first what is due: expired approvals, and running ones whose process is gone or whose lease is over.
/// </summary>
internal sealed class ApprovalsListCommand : Command
{
    private static readonly OutputColumn<ApprovalRecord>[] Columns =
    [
        new("approval_id", a => a.Id),
        new("tool", a => a.Tool),
        new("status", a => ApprovalStatusName.Of(a.Status)),
        new("summary", a => a.Summary),
        new("expires_at", a => CliOutput.Time(a.ExpiresAt)),
        new("created_at", a => CliOutput.Time(a.CreatedAt), InTable: false),
        new("decided_at", a => CliOutput.Time(a.DecidedAt), InTable: false),
        new("decided_by", a => a.DecidedBy, InTable: false),
        new("reason", a => a.Reason, InTable: false),
        new("error", a => a.Error, InTable: false),
        new("lease_until", a => CliOutput.Time(a.LeaseUntil), InTable: false),
    ];

    private readonly Argument<string> _slug = new("SLUG") { Description = "The workspace." };

    private readonly Option<bool> _json = new("--json") { Description = "One JSON object per line." };

    public ApprovalsListCommand(CliContext context)
        : base("list", "List a workspace's approvals, newest first.")
    {
        Add(_slug);
        Add(_json);
        SetAction((parseResult, cancellationToken) => context.RunWithServicesAsync(parseResult, cancellationToken, async (services, ct) =>
        {
            var json = parseResult.GetValue(_json);
            var workspace = await services.GetRequiredService<IWorkspaceStore>().RequireWorkspaceAsync(parseResult.GetRequiredValue(_slug), ct);
            var approvals = await services.GetRequiredService<IApprovalStore>().ListAsync(workspace.Id, status: null, ct);
            if (approvals.Count == 0 && !json)
            {
                context.Console.Error.WriteLine($"Workspace '{workspace.Slug}' has no approvals.");
                return ExitCodes.Success;
            }

            CliOutput.WriteRecords(context.Console.Out, approvals, Columns, json);
            return ExitCodes.Success;
        }));
    }
}
