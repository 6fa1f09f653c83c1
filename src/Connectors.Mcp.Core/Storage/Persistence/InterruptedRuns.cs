namespace Connectors.Mcp.Core.Storage.Persistence;

/// <summary>
/// What an interrupted run is told (in its approval's error after <see cref="ApprovalLease.InterruptedError"/>, and in
/// the audit row completed for it), the same words on every backend.
/// </summary>
public static class InterruptedRuns
{
    /// <summary>The process running the call is gone (crash or kill).</summary>
    public const string OwnerGone =
        "the process running this approved call ended before the call finished (crash or kill); whether the action reached the provider is unknown, and it was not re-run";

    /// <summary>The run's lease ran out while its owner may still be alive.</summary>
    public const string LeaseLapsed =
        "the run did not finish within its lease; whether the action reached the provider is unknown, and it will not be re-run";

    /// <summary>A started audit row (not necessarily of an approved call) whose process is gone.</summary>
    public const string CallOwnerGone =
        "the process running this call ended before the call finished (crash or kill); whether the action reached the provider is unknown, and it was not re-run";
}
