namespace Connectors.Mcp.Core.Storage.Persistence;

/// <summary>What every audit log refuses before it writes: an intent without workspace, tool or arguments; a completion that is not final.</summary>
public static class AuditRecordChecks
{
    public static void Intent(AuditIntent intent)
    {
        ArgumentNullException.ThrowIfNull(intent);
        ArgumentException.ThrowIfNullOrWhiteSpace(intent.WorkspaceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(intent.Tool);
        ArgumentNullException.ThrowIfNull(intent.ArgumentsJson);
    }

    public static void Completion(AuditCompletion completion)
    {
        ArgumentNullException.ThrowIfNull(completion);
        if (completion.Status == AuditStatus.Started)
        {
            throw new ArgumentException("A completion must have a final status, not started.", nameof(completion));
        }
    }
}
