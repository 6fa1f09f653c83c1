using Connectors.Mcp.Core.Instructions;
using Connectors.Mcp.Core.Storage;

namespace Connectors.Mcp.Core.Storage.Persistence;

/// <summary>The "unknown id" errors, each saying how to find the right id.</summary>
public static class NotFound
{
    public static EntityNotFoundException Workspace(string workspaceId) =>
        new($"No workspace with id '{workspaceId}'. {CliInstructions.WorkspaceList} shows the workspaces.");

    public static EntityNotFoundException Connector(string connectorId) =>
        new($"No connector '{connectorId}'. {CliInstructions.ConnectorList("SLUG")} shows the ids.");

    public static EntityNotFoundException Approval(string approvalId) =>
        new($"No approval '{approvalId}'. {CliInstructions.ApprovalsList("SLUG")} shows the ids.");

    public static EntityNotFoundException AuditRow(long rowId) =>
        new($"No audit row {rowId}. {CliInstructions.AuditList("SLUG")} shows the rows.");
}
