using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Core.Storage.Persistence;

namespace Connectors.Mcp.Storage.Sqlite.Internal;

/// <summary>What the other stores need to know about a workspace: its slug (for messages) and plan.</summary>
internal sealed record WorkspaceRow(string Id, string Slug, WorkspacePlan Plan)
{
    public static WorkspaceRow? Find(PooledConnection connection, string workspaceId)
    {
        using var reader = connection.Command("SELECT id, slug, plan FROM workspaces WHERE id = $id;").With("$id", workspaceId).ExecuteReader();
        return reader.Read() ? new WorkspaceRow(reader.GetString(0), reader.GetString(1), WorkspacePlans.Parse(reader.GetString(2))) : null;
    }

    public static WorkspaceRow Get(PooledConnection connection, string workspaceId) =>
        Find(connection, workspaceId) ?? throw NotFound.Workspace(workspaceId);

    /// <summary>
    /// Bumps the workspace's catalog version: its tool list or policies changed. Called inside the write transaction
    /// that made the change, so a server that sees the new version also sees the change.
    /// </summary>
    public static void BumpCatalogVersion(PooledConnection connection, string workspaceId) =>
        connection.Command("UPDATE workspaces SET catalog_version = catalog_version + 1 WHERE id = $id;").With("$id", workspaceId).Execute();
}
