namespace Connectors.Mcp.Core.Storage;

/// <summary>
/// How long a claimed approval may run. The runner gives the run its own token that ends after <see cref="RunTimeout"/>
/// (never the caller's, so a client that goes away cannot leave a claim half done); the claim's lease is a little longer,
/// so a live runner always finishes first. A claim whose lease is over, or whose owning process is gone, is settled by
/// the next look at it: failed / interrupted when its run left an audit row, back to approved when it provably did not.
/// </summary>
public static class ApprovalLease
{
    /// <summary>Longest an approved action runs once claimed (the provider calls are bounded well within it).</summary>
    public static TimeSpan RunTimeout { get; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a claim holds: the run timeout plus a minute for the audit and approval writes around it.</summary>
    public static TimeSpan Duration { get; } = RunTimeout + TimeSpan.FromMinutes(1);

    /// <summary>Error text of an approval whose run was interrupted (the process died, or the lease ran out).</summary>
    public const string InterruptedError = "interrupted (outcome unknown)";
}
