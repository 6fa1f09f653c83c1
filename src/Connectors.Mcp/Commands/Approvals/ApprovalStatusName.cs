using Connectors.Mcp.Core.Storage;

namespace Connectors.Mcp.Commands.Approvals;

/// <summary>The CLI spelling of <see cref="ApprovalStatus"/>: pending, approved, running, succeeded, failed, denied, expired.</summary>
internal static class ApprovalStatusName
{
    public static string Of(ApprovalStatus status) => status.ToString().ToLowerInvariant();
}
