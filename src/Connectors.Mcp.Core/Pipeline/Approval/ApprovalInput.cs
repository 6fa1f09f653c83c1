namespace Connectors.Mcp.Core.Pipeline.Approval;

/// <summary>
/// What the client can do about an approval within the call itself, by MCP's input requests (protocol 2026-07-28,
/// "MRTR"): the call is answered with a question, and the client retries the same call with the person's answer. Unlike
/// <see cref="IApprovalPrompt"/> nothing waits in between, so it works without a session and on any instance.
/// </summary>
/// <param name="CanAsk">The client speaks 2026-07-28 and declared elicitation for this request: it can be asked.</param>
/// <param name="Answer">On the retry: the approval the question was about and what the person answered.</param>
public sealed record ApprovalInput(bool CanAsk, ApprovalInputAnswer? Answer);
