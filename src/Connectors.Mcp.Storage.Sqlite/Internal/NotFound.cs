using Connectors.Mcp.Core.Storage;

namespace Connectors.Mcp.Storage.Sqlite.Internal;

/// <summary>The "unknown id" errors, each saying how to find the right id.</summary>
internal static class NotFound
{
    public static EntityNotFoundException Workspace(string workspaceId) =>
        new($"No workspace with id '{workspaceId}'. `connectors-mcp workspace list` shows the workspaces.");

    public static EntityNotFoundException Connector(string connectorId) =>
        new($"No connector '{connectorId}'. `connectors-mcp connector list SLUG` shows the ids.");

    public static EntityNotFoundException Approval(string approvalId) =>
        new($"No approval '{approvalId}'. `connectors-mcp approvals list SLUG` shows the ids.");

    public static EntityNotFoundException AuditRow(long rowId) =>
        new($"No audit row {rowId}. `connectors-mcp audit list SLUG` shows the rows.");
}
