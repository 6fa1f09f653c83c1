namespace Connectors.Mcp.Core.Storage;

/// <summary>A page of approvals and the <see cref="ApprovalPageQuery.BeforeId"/> of the next page (<c>null</c> on the last).</summary>
public sealed record ApprovalPage(IReadOnlyList<ApprovalRecord> Approvals, string? NextBeforeId);
