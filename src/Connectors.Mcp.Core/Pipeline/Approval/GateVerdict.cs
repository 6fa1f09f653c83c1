namespace Connectors.Mcp.Core.Pipeline.Approval;

public enum GateVerdict
{
    Proceed,
    Denied,
    Pending,

    /// <summary>Ask the client through an input request (MRTR) about <see cref="GateDecision.Approval"/>; nothing ran.</summary>
    AskClient,

    /// <summary>
    /// The client answered the question about <see cref="GateDecision.Approval"/> (now decided, or already past its
    /// decision): run it if approved — exactly once, by its claim — or report it.
    /// </summary>
    Answered,
}
