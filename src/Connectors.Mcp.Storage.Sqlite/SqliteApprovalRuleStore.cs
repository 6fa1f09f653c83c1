using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Pipeline.Approval.Rules;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Core.Storage.Persistence;
using Connectors.Mcp.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace Connectors.Mcp.Storage.Sqlite;

/// <summary>
/// Per-workspace approval rules (<c>approval_rules</c>). Positions stay dense (1..n) per workspace: every change is one
/// immediate transaction that moves the other rules and bumps the workspace's catalog version, so a server that sees
/// the new version also sees the new order, and writes the change's <c>operator_changes</c> row.
/// </summary>
public sealed class SqliteApprovalRuleStore(SqliteDatabase database, TimeProvider time) : IApprovalRuleStore
{
    public const int MaxNoteLength = 500;

    private const string Columns = "id, workspace_id, position, tool_pattern, condition, effect, note, created_at";

    public Task<ApprovalRule> AddAsync(NewApprovalRule rule, OperatorActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(rule.Condition);
        ToolPattern.Validate(rule.ToolPattern, nameof(NewApprovalRule.ToolPattern));
        if (!Enum.IsDefined(rule.Effect))
        {
            throw new ArgumentOutOfRangeException(nameof(NewApprovalRule.Effect), "Unknown effect; use auto, approve or deny.");
        }

        if (rule.Note is { Length: > MaxNoteLength })
        {
            throw new ArgumentException($"The note is longer than {MaxNoteLength} characters.", nameof(NewApprovalRule.Note));
        }

        return database.WriteAsync(connection =>
        {
            var workspace = WorkspaceRow.Get(connection, rule.WorkspaceId);
            var ids = IdsByPosition(connection, rule.WorkspaceId);
            var position = rule.Position ?? ids.Count + 1;
            if (position < 1 || position > ids.Count + 1)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(NewApprovalRule.Position), $"Position {position} is not between 1 and {ids.Count + 1}: the workspace has {ids.Count} rule{(ids.Count == 1 ? "" : "s")}.");
            }

            // Later rules move down one by one from the end, so (workspace_id, position) stays unique at every step.
            for (var i = ids.Count - 1; i >= position - 1; i--)
            {
                SetPosition(connection, ids[i], i + 2);
            }

            var added = new ApprovalRule(
                EntityIds.New(EntityIds.ApprovalRulePrefix),
                rule.WorkspaceId,
                position,
                rule.ToolPattern,
                rule.Condition,
                rule.Effect,
                string.IsNullOrWhiteSpace(rule.Note) ? null : rule.Note,
                StorageTime.Now(time));
            connection.Command(
                """
                INSERT INTO approval_rules (id, workspace_id, position, tool_pattern, condition, effect, note, created_at)
                VALUES ($id, $workspace_id, $position, $tool_pattern, $condition, $effect, $note, $created_at);
                """)
                .With("$id", added.Id)
                .With("$workspace_id", added.WorkspaceId)
                .With("$position", added.Position)
                .With("$tool_pattern", added.ToolPattern)
                .With("$condition", added.Condition.Text)
                .With("$effect", added.Effect.ToName())
                .With("$note", added.Note)
                .With("$created_at", StorageTime.ToText(added.CreatedAt))
                .Execute();
            WorkspaceRow.BumpCatalogVersion(connection, rule.WorkspaceId);
            OperatorChangeRow.Append(connection, time, actor, workspace, OperatorActions.RuleAdd, added.Id, null, OperatorChangeRow.RuleText(added));
            return added;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<ApprovalRule>> ListAsync(string workspaceId, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<ApprovalRule>>(connection =>
        {
            using var reader = connection.Command($"SELECT {Columns} FROM approval_rules WHERE workspace_id = $workspace_id ORDER BY position;")
                .With("$workspace_id", workspaceId)
                .ExecuteReader();
            var rules = new List<ApprovalRule>();
            while (reader.Read())
            {
                rules.Add(Read(reader));
            }

            return rules;
        }, cancellationToken);

    public Task<bool> RemoveAsync(string workspaceId, string ruleId, OperatorActor actor, CancellationToken cancellationToken) =>
        database.WriteAsync(connection =>
        {
            var ids = IdsByPosition(connection, workspaceId);
            var index = ids.IndexOf(ruleId);
            if (index < 0)
            {
                return false;
            }

            var removed = ReadRule(connection, ruleId);
            connection.Command("DELETE FROM approval_rules WHERE id = $id AND workspace_id = $workspace_id;")
                .With("$id", ruleId)
                .With("$workspace_id", workspaceId)
                .Execute();
            for (var i = index + 1; i < ids.Count; i++)
            {
                SetPosition(connection, ids[i], i);
            }

            WorkspaceRow.BumpCatalogVersion(connection, workspaceId);
            OperatorChangeRow.Append(
                connection, time, actor, WorkspaceRow.Get(connection, workspaceId), OperatorActions.RuleRemove, ruleId, OperatorChangeRow.RuleText(removed), null);
            return true;
        }, cancellationToken);

    private static List<string> IdsByPosition(PooledConnection connection, string workspaceId)
    {
        using var reader = connection.Command("SELECT id FROM approval_rules WHERE workspace_id = $workspace_id ORDER BY position;")
            .With("$workspace_id", workspaceId)
            .ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private static ApprovalRule ReadRule(PooledConnection connection, string ruleId)
    {
        using var reader = connection.Command($"SELECT {Columns} FROM approval_rules WHERE id = $id;").With("$id", ruleId).ExecuteReader();
        return reader.Read() ? Read(reader) : throw new InvalidOperationException($"Rule '{ruleId}' is gone inside its own transaction.");
    }

    private static void SetPosition(PooledConnection connection, string ruleId, int position) =>
        connection.Command("UPDATE approval_rules SET position = $position WHERE id = $id;")
            .With("$position", position)
            .With("$id", ruleId)
            .Execute();

    private static ApprovalRule Read(SqliteDataReader reader) =>
        new(
            reader.GetString(0),
            reader.GetString(1),
            reader.GetInt32(2),
            reader.GetString(3),
            RuleCondition.Parse(reader.GetString(4)),
            ApprovalPolicyNames.Parse(reader.GetString(5)),
            reader.GetNullableString(6),
            StorageTime.Parse(reader.GetString(7)));
}
