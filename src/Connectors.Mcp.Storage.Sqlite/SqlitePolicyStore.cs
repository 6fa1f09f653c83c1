using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Core.Storage.Persistence;
using Connectors.Mcp.Storage.Sqlite.Internal;

namespace Connectors.Mcp.Storage.Sqlite;

/// <summary>Per-workspace approval policy overrides (<c>policies</c>), by tool name; each change recorded in <c>operator_changes</c>.</summary>
public sealed class SqlitePolicyStore(SqliteDatabase database, TimeProvider time) : IPolicyStore
{
    private const int MaxToolNameLength = 128;

    public Task SetAsync(string workspaceId, string toolName, ApprovalPolicy policy, OperatorActor actor, CancellationToken cancellationToken) =>
        database.WriteAsync(connection =>
        {
            if (string.IsNullOrWhiteSpace(toolName) || toolName.Length > MaxToolNameLength)
            {
                throw new ArgumentException(
                    $"'{toolName}' is not a tool name; use the name `tools/list` shows, such as 'gmail_send_email'.", nameof(toolName));
            }

            var workspace = WorkspaceRow.Get(connection, workspaceId);
            var old = connection.Command("SELECT policy FROM policies WHERE workspace_id = $workspace_id AND tool = $tool;")
                .With("$workspace_id", workspaceId)
                .With("$tool", toolName)
                .ExecuteScalar() as string;
            connection.Command(
                """
                INSERT INTO policies (workspace_id, tool, policy, updated_at) VALUES ($workspace_id, $tool, $policy, $now)
                ON CONFLICT (workspace_id, tool) DO UPDATE SET policy = excluded.policy, updated_at = excluded.updated_at;
                """)
                .With("$workspace_id", workspaceId)
                .With("$tool", toolName)
                .With("$policy", policy.ToName())
                .With("$now", StorageTime.ToText(StorageTime.Now(time)))
                .Execute();
            WorkspaceRow.BumpCatalogVersion(connection, workspaceId);
            OperatorChangeRow.Append(connection, time, actor, workspace, OperatorActions.PolicySet, toolName, old, policy.ToName());
        }, cancellationToken);

    public Task<IReadOnlyDictionary<string, ApprovalPolicy>> GetAllAsync(string workspaceId, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyDictionary<string, ApprovalPolicy>>(connection =>
        {
            using var reader = connection.Command("SELECT tool, policy FROM policies WHERE workspace_id = $workspace_id;")
                .With("$workspace_id", workspaceId)
                .ExecuteReader();
            var policies = new Dictionary<string, ApprovalPolicy>(StringComparer.Ordinal);
            while (reader.Read())
            {
                policies[reader.GetString(0)] = ApprovalPolicyNames.Parse(reader.GetString(1));
            }

            return policies;
        }, cancellationToken);
}
