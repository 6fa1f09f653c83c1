namespace Connectors.Mcp.Core.Storage;

public sealed record NewApproval(
    string WorkspaceId,
    string ConnectorId,
    string Tool,
    string Action,
    string ArgumentsJson,
    string ArgumentsHash,
    string Summary,
    TimeSpan Lifetime);
