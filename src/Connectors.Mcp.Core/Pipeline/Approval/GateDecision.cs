using Connectors.Mcp.Core.Storage;

namespace Connectors.Mcp.Core.Pipeline.Approval;

/// <summary>What the gate decided and why; <see cref="Decision"/> goes into the audit row (e.g. <c>policy:auto</c>, <c>elicitation:accepted</c>).</summary>
public sealed record GateDecision(GateVerdict Verdict, string Decision, string? Message = null, ApprovalRecord? Approval = null);
