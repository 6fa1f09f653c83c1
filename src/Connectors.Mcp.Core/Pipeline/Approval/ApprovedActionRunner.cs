namespace Connectors.Mcp.Core.Pipeline.Approval;

/// <summary>
/// Runs an approved action exactly once, whoever asks (the CLI after <c>approvals approve</c>, or <c>get_approval</c>)
/// and however often: the first caller claims it (approved → running) and runs it; everyone else gets the state.
/// </summary>
public sealed class ApprovedActionRunner
{
    /// <summary>Claims and runs the approval if it is approved and unclaimed; returns the outcome or the current state.</summary>
    public Task<ToolOutcome> RunAsync(string approvalId, CancellationToken cancellationToken)
    {
        _ = approvalId;
        _ = cancellationToken;
        throw new NotImplementedException("PLACEHOLDER — being written with the pipeline.");
    }
}
