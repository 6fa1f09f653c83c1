namespace Connectors.Mcp.Core.Storage;

public static class AuditStatusNames
{
    public static string ToName(this AuditStatus status) => status switch
    {
        AuditStatus.Started => "started",
        AuditStatus.Succeeded => "succeeded",
        AuditStatus.Failed => "failed",
        AuditStatus.Rejected => "rejected",
        AuditStatus.Denied => "denied",
        AuditStatus.PendingApproval => "pending_approval",
        AuditStatus.RateLimited => "rate_limited",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static AuditStatus Parse(string name)
    {
        foreach (var status in Enum.GetValues<AuditStatus>())
        {
            if (status.ToName() == name)
            {
                return status;
            }
        }

        throw new FormatException($"Unknown audit status '{name}'.");
    }
}
