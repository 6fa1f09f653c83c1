using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Pipeline.Approval.Rules;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Core.Storage.Persistence;
using Connectors.Mcp.Storage.Postgres.Internal;
using Npgsql;

namespace Connectors.Mcp.Storage.Postgres;

/// <summary>
/// Per-workspace approval rules (<c>approval_rules</c>), as <c>SqliteApprovalRuleStore</c> keeps them. Positions stay
/// dense (1..n) per workspace: every change locks the workspace row, moves the other rules in one statement (the
/// position uniqueness is checked at the statement's end), bumps the catalog version and writes its
/// <c>operator_changes</c> row, all in one transaction.
/// </summary>
public sealed class PostgresApprovalRuleStore(PostgresDatabase database, TimeProvider time) : IApprovalRuleStore
{
    public const int MaxNoteLength = 500;

    private const string Columns = "id, workspace_id, position, tool_pattern, condition, effect, note, created_at";

    /// <summary>
    /// Cross-instance: the workspace row is locked (<c>FOR NO KEY UPDATE</c>) before the rules are counted, so two
    /// instances adding at once get distinct, dense positions; the catalog version bump commits with the rule.
    /// </summary>
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

        return database.WriteAsync(async (connection, _, ct) =>
        {
            var workspace = await WorkspaceRow.LockAsync(connection, rule.WorkspaceId, ct);
            var count = (long)(await connection.Command("SELECT COUNT(*) FROM approval_rules WHERE workspace_id = @workspace_id")
                .With("workspace_id", rule.WorkspaceId)
                .ScalarAsync(ct))!;
            var position = rule.Position ?? (int)count + 1;
            if (position < 1 || position > count + 1)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(NewApprovalRule.Position), $"Position {position} is not between 1 and {count + 1}: the workspace has {count} rule{(count == 1 ? "" : "s")}.");
            }

            await connection.Command("UPDATE approval_rules SET position = position + 1 WHERE workspace_id = @workspace_id AND position >= @position")
                .With("workspace_id", rule.WorkspaceId)
                .With("position", position)
                .ExecuteAsync(ct);
            var added = new ApprovalRule(
                EntityIds.New(EntityIds.ApprovalRulePrefix),
                rule.WorkspaceId,
                position,
                rule.ToolPattern,
                rule.Condition,
                rule.Effect,
                string.IsNullOrWhiteSpace(rule.Note) ? null : rule.Note,
                StorageTime.Now(time));
            await connection.Command(
                    """
                    INSERT INTO approval_rules (id, workspace_id, position, tool_pattern, condition, effect, note, created_at)
                    VALUES (@id, @workspace_id, @position, @tool_pattern, @condition, @effect, @note, @created_at)
                    """)
                .With("id", added.Id)
                .With("workspace_id", added.WorkspaceId)
                .With("position", added.Position)
                .With("tool_pattern", added.ToolPattern)
                .With("condition", added.Condition.Text)
                .With("effect", added.Effect.ToName())
                .With("note", added.Note)
                .With("created_at", added.CreatedAt)
                .ExecuteAsync(ct);
            await WorkspaceRow.BumpCatalogVersionAsync(connection, rule.WorkspaceId, ct);
            await OperatorChangeRow.AppendAsync(connection, time, actor, workspace, OperatorActions.RuleAdd, added.Id, null, OperatorChangeText.RuleText(added), ct);
            return added;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<ApprovalRule>> ListAsync(string workspaceId, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<ApprovalRule>>(
            async (connection, ct) => await connection.Command($"SELECT {Columns} FROM approval_rules WHERE workspace_id = @workspace_id ORDER BY position")
                .With("workspace_id", workspaceId)
                .ListAsync(Read, ct),
            cancellationToken);

    /// <summary>Cross-instance: as <see cref="AddAsync"/>, under the workspace row lock; a rule removed twice at once is removed (and recorded) once.</summary>
    public Task<bool> RemoveAsync(string workspaceId, string ruleId, OperatorActor actor, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, _, ct) =>
        {
            var workspace = await WorkspaceRow.FindLockedAsync(connection, workspaceId, ct);
            if (workspace is null)
            {
                return false;
            }

            var removed = await connection.Command($"DELETE FROM approval_rules WHERE id = @id AND workspace_id = @workspace_id RETURNING {Columns}")
                .With("id", ruleId)
                .With("workspace_id", workspaceId)
                .OneAsync(Read, ct);
            if (removed is null)
            {
                return false;
            }

            await connection.Command("UPDATE approval_rules SET position = position - 1 WHERE workspace_id = @workspace_id AND position > @position")
                .With("workspace_id", workspaceId)
                .With("position", removed.Position)
                .ExecuteAsync(ct);
            await WorkspaceRow.BumpCatalogVersionAsync(connection, workspaceId, ct);
            await OperatorChangeRow.AppendAsync(connection, time, actor, workspace, OperatorActions.RuleRemove, ruleId, OperatorChangeText.RuleText(removed), null, ct);
            return true;
        }, cancellationToken);

    private static ApprovalRule Read(NpgsqlDataReader reader) =>
        new(
            reader.GetString(0),
            reader.GetString(1),
            reader.GetInt32(2),
            reader.GetString(3),
            RuleCondition.Parse(reader.GetString(4)),
            ApprovalPolicyNames.Parse(reader.GetString(5)),
            reader.GetNullableString(6),
            reader.GetTime(7));
}
