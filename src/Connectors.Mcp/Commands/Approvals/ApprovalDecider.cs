using Connectors.Mcp.Commands.Shared;
using Connectors.Mcp.Core.Pipeline.Approval;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Commands.Approvals;

/// <summary>What approve and deny share: find the approval (clear message when unknown), then record the decision.</summary>
internal static class ApprovalDecider
{
    public static async Task<ApprovalRecord> DecideAsync(IServiceProvider services, string approvalId, bool approve, string? reason, CancellationToken ct)
    {
        var approval = await services.GetRequiredService<IApprovalStore>().RequireApprovalAsync(approvalId, ct);
        return await services.GetRequiredService<ApprovalDecisions>().DecideAsync(approval.Id, approve, DecidedBy(), reason, ct);
    }

    /// <summary>Who decided, as recorded on the approval: the CLI and the local user.</summary>
    private static string DecidedBy() => $"cli:{Environment.UserName}";
}
