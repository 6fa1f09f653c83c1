using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Core.Storage.Persistence;
using Connectors.Mcp.Storage.Postgres.Internal;

namespace Connectors.Mcp.Storage.Postgres;

/// <summary>Per-workspace approval policy overrides (<c>policies</c>), by tool name; each change recorded in <c>operator_changes</c>.</summary>
public sealed class PostgresPolicyStore(PostgresDatabase database, TimeProvider time) : IPolicyStore
{
    private const int MaxToolNameLength = 128;

    /// <summary>
    /// Cross-instance: the workspace row is locked before the old policy is read, and the upsert
    /// (<c>INSERT … ON CONFLICT DO UPDATE</c>), the catalog version bump and the operator record commit in one transaction.
    /// </summary>
    public Task SetAsync(string workspaceId, string toolName, ApprovalPolicy policy, OperatorActor actor, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(toolName) || toolName.Length > MaxToolNameLength)
        {
            throw new ArgumentException(
                $"'{toolName}' is not a tool name; use the name `tools/list` shows, such as 'gmail_send_email'.", nameof(toolName));
        }

        return database.WriteAsync(async (connection, _, ct) =>
        {
            var workspace = await WorkspaceRow.LockAsync(connection, workspaceId, ct);
            var old = await connection.Command("SELECT policy FROM policies WHERE workspace_id = @workspace_id AND tool = @tool")
                .With("workspace_id", workspaceId)
                .With("tool", toolName)
                .ScalarAsync(ct) as string;
            await connection.Command(
                    """
                    INSERT INTO policies (workspace_id, tool, policy, updated_at) VALUES (@workspace_id, @tool, @policy, @now)
                    ON CONFLICT (workspace_id, tool) DO UPDATE SET policy = excluded.policy, updated_at = excluded.updated_at
                    """)
                .With("workspace_id", workspaceId)
                .With("tool", toolName)
                .With("policy", policy.ToName())
                .With("now", StorageTime.Now(time))
                .ExecuteAsync(ct);
            await WorkspaceRow.BumpCatalogVersionAsync(connection, workspaceId, ct);
            await OperatorChangeRow.AppendAsync(connection, time, actor, workspace, OperatorActions.PolicySet, toolName, old, policy.ToName(), ct);
        }, cancellationToken);
    }

    public Task<IReadOnlyDictionary<string, ApprovalPolicy>> GetAllAsync(string workspaceId, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyDictionary<string, ApprovalPolicy>>(
            async (connection, ct) =>
            {
                var rows = await connection.Command("SELECT tool, policy FROM policies WHERE workspace_id = @workspace_id")
                    .With("workspace_id", workspaceId)
                    .ListAsync(r => (Tool: r.GetString(0), Policy: ApprovalPolicyNames.Parse(r.GetString(1))), ct);
                var policies = new Dictionary<string, ApprovalPolicy>(StringComparer.Ordinal);
                foreach (var (tool, policy) in rows)
                {
                    policies[tool] = policy;
                }

                return policies;
            },
            cancellationToken);
}
