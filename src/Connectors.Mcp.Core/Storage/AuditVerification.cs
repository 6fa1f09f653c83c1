namespace Connectors.Mcp.Core.Storage;

/// <summary>Result of walking a workspace's audit hash chain. <see cref="Problem"/> names the first bad row.</summary>
public sealed record AuditVerification(bool Intact, long RowsChecked, long? FirstBadRowId, string? Problem, long UnfinishedRows);
