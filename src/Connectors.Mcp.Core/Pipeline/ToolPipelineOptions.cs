using Connectors.Mcp.Core.Storage;

namespace Connectors.Mcp.Core.Pipeline;

public sealed class ToolPipelineOptions
{
    /// <summary>How long a queued approval waits for a decision.</summary>
    public TimeSpan ApprovalLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Consecutive provider failures that put a connector in <c>error</c>.</summary>
    public int ConnectorErrorThreshold { get; set; } = 5;

    /// <summary>Overrides the plan's calls per minute for every workspace (tests, single-user installs); a workspace's stored override still wins.</summary>
    public int? CallsPerMinute { get; set; }

    /// <summary>Overrides the plan's calls per minute per connector instance (tests); a workspace's stored override still wins.</summary>
    public int? ConnectorCallsPerMinute { get; set; }

    /// <summary>
    /// Who may approve gated calls in a workspace that has not chosen (<see cref="Workspace.Approvers"/> is null): the
    /// serving mode's default. <c>serve --stdio</c> sets <see cref="Approvers.Client"/>; everything else, HTTP included,
    /// keeps <see cref="Approvers.Person"/>, so a host that forgets to choose never lets a client approve its own calls.
    /// </summary>
    public Approvers DefaultApprovers { get; set; } = Approvers.Person;

    /// <summary>How long to wait for a person to answer an elicitation before queueing the approval instead.</summary>
    public TimeSpan ElicitationTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a write's idempotency record answers repeats with the first outcome.</summary>
    public TimeSpan IdempotencyLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// After how long a claim that never finished (process killed, call cancelled, outcome unresolved) is taken over by a
    /// repeat, which asks the provider whether the first attempt took effect before acting.
    /// </summary>
    public TimeSpan IdempotencyStaleClaimAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Refused calls (unknown tool, invalid arguments, rate limited) written one audit row each per workspace and
    /// <see cref="RefusalAuditWindow"/>; the rest of the window's refusals are counted into one summary row.
    /// </summary>
    public int RefusalAuditRowsPerWindow { get; set; } = 20;

    /// <summary>The window of <see cref="RefusalAuditRowsPerWindow"/>, from a workspace's first refusal after the last window ended.</summary>
    public TimeSpan RefusalAuditWindow { get; set; } = TimeSpan.FromMinutes(1);
}
