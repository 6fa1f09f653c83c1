using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Core.Storage.Persistence;
using Npgsql;

namespace Connectors.Mcp.Storage.Postgres.Internal;

/// <summary>What the other stores need to know about a workspace: its slug (for messages) and plan.</summary>
internal sealed record WorkspaceRow(string Id, string Slug, WorkspacePlan Plan)
{
    public static Task<WorkspaceRow?> FindAsync(NpgsqlConnection connection, string workspaceId, CancellationToken cancellationToken) =>
        connection.Command("SELECT id, slug, plan FROM workspaces WHERE id = @id")
            .With("id", workspaceId)
            .OneAsync(Read, cancellationToken);

    public static async Task<WorkspaceRow> GetAsync(NpgsqlConnection connection, string workspaceId, CancellationToken cancellationToken) =>
        await FindAsync(connection, workspaceId, cancellationToken) ?? throw NotFound.Workspace(workspaceId);

    /// <summary>
    /// The workspace, its row locked (<c>FOR NO KEY UPDATE</c>) until the transaction ends: writers of one workspace's
    /// settings, connectors, policies and rules queue here, as SQLite's single writer queues them, so a check and the
    /// write it allows (plan limit, dense rule positions, old value of a change record) see no concurrent change.
    /// Inserts referencing the workspace only take a key-share lock and are not blocked.
    /// </summary>
    public static async Task<WorkspaceRow> LockAsync(NpgsqlConnection connection, string workspaceId, CancellationToken cancellationToken) =>
        await FindLockedAsync(connection, workspaceId, cancellationToken) ?? throw NotFound.Workspace(workspaceId);

    /// <inheritdoc cref="LockAsync"/>
    public static Task<WorkspaceRow?> FindLockedAsync(NpgsqlConnection connection, string workspaceId, CancellationToken cancellationToken) =>
        connection.Command("SELECT id, slug, plan FROM workspaces WHERE id = @id FOR NO KEY UPDATE")
            .With("id", workspaceId)
            .OneAsync(Read, cancellationToken);

    /// <summary>
    /// Bumps the workspace's catalog version: its tool list or policies changed. Called inside the write transaction
    /// that made the change, so the new version commits (and becomes visible to every instance) together with the change.
    /// </summary>
    public static Task BumpCatalogVersionAsync(NpgsqlConnection connection, string workspaceId, CancellationToken cancellationToken) =>
        connection.Command("UPDATE workspaces SET catalog_version = catalog_version + 1 WHERE id = @id")
            .With("id", workspaceId)
            .ExecuteAsync(cancellationToken);

    private static WorkspaceRow Read(NpgsqlDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), WorkspacePlans.Parse(reader.GetString(2)));
}
