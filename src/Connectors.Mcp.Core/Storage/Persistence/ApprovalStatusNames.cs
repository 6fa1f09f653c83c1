using Connectors.Mcp.Core.Storage;

namespace Connectors.Mcp.Core.Storage.Persistence;

/// <summary>The database spelling of <see cref="ApprovalStatus"/>.</summary>
public static class ApprovalStatusNames
{
    public static string ToName(ApprovalStatus status) => status switch
    {
        ApprovalStatus.Pending => "pending",
        ApprovalStatus.Approved => "approved",
        ApprovalStatus.Running => "running",
        ApprovalStatus.Succeeded => "succeeded",
        ApprovalStatus.Failed => "failed",
        ApprovalStatus.Denied => "denied",
        ApprovalStatus.Expired => "expired",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static ApprovalStatus Parse(string name) => name switch
    {
        "pending" => ApprovalStatus.Pending,
        "approved" => ApprovalStatus.Approved,
        "running" => ApprovalStatus.Running,
        "succeeded" => ApprovalStatus.Succeeded,
        "failed" => ApprovalStatus.Failed,
        "denied" => ApprovalStatus.Denied,
        "expired" => ApprovalStatus.Expired,
        _ => throw new FormatException($"Unknown approval status '{name}'."),
    };
}
