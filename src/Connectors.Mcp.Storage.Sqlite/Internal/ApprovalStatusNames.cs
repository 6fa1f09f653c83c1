using Connectors.Mcp.Core.Storage;

namespace Connectors.Mcp.Storage.Sqlite.Internal;

/// <summary>The database spelling of <see cref="ApprovalStatus"/>.</summary>
internal static class ApprovalStatusNames
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

    /// <summary>
    /// The status as reported, in SQL (needs <c>$now</c>): a pending or approved-but-never-run approval past its expiry
    /// is expired even before anyone has stored that. One spelling for every listing, count and watermark.
    /// </summary>
    public const string ReportedStatusSql = "CASE WHEN status IN ('pending', 'approved') AND expires_at <= $now THEN 'expired' ELSE status END";

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
