using System.Text.Json;
using System.Text.RegularExpressions;
using Connectors.Mcp.Core.Catalog;
using Connectors.Mcp.Core.Pipeline.Approval.Rules;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Core.Storage.Persistence;
using Connectors.Mcp.Storage.Postgres.Internal;
using Npgsql;

namespace Connectors.Mcp.Storage.Postgres;

/// <summary>
/// Workspaces (<c>workspaces</c>, with their rate-limit overrides, own domains, approvers and tool mode) and their API
/// keys (<c>api_keys</c>, SHA-256 only, with their scope: PostgresWorkspaceStore.ApiKeys.cs), as
/// <c>SqliteWorkspaceStore</c> keeps them. Each setting change locks the workspace row, writes, bumps the catalog
/// version and writes its <c>operator_changes</c> row in one transaction.
/// </summary>
public sealed partial class PostgresWorkspaceStore(PostgresDatabase database, TimeProvider time) : IWorkspaceStore
{
    private const int MaxDomains = 50;
    private const string Columns = "id, slug, plan, created_at, calls_per_minute, connector_calls_per_minute, domains, approvers, tool_mode";

    /// <summary>Cross-instance: the slug's UNIQUE constraint decides (<c>INSERT … ON CONFLICT (slug) DO NOTHING</c>); the loser gets a conflict.</summary>
    public Task<Workspace> CreateAsync(string slug, WorkspacePlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(slug);
        if (!SlugPattern().IsMatch(slug))
        {
            throw new ArgumentException(
                $"'{slug}' is not a valid workspace slug: use 2 to 63 lowercase letters, digits and hyphens, starting with a letter or digit (for example 'acme' or 'team-2').",
                nameof(slug));
        }

        if (!Enum.IsDefined(plan))
        {
            throw new ArgumentOutOfRangeException(nameof(plan), plan, "Unknown plan; use free, pro or enterprise.");
        }

        return database.WriteAsync(async (connection, _, ct) =>
        {
            var workspace = new Workspace(EntityIds.New(EntityIds.WorkspacePrefix), slug, plan, StorageTime.Now(time));
            var inserted = await connection.Command(
                    "INSERT INTO workspaces (id, slug, plan, catalog_version, created_at) VALUES (@id, @slug, @plan, 0, @created_at) ON CONFLICT (slug) DO NOTHING")
                .With("id", workspace.Id)
                .With("slug", workspace.Slug)
                .With("plan", WorkspacePlans.ToName(plan))
                .With("created_at", workspace.CreatedAt)
                .ExecuteAsync(ct);
            return inserted == 1 ? workspace : throw new ConflictException($"Workspace '{slug}' already exists.");
        }, cancellationToken);
    }

    public Task<Workspace?> FindBySlugAsync(string slug, CancellationToken cancellationToken) =>
        database.ReadAsync((connection, ct) => connection.Command($"SELECT {Columns} FROM workspaces WHERE slug = @slug").With("slug", slug).OneAsync(Read, ct), cancellationToken);

    public Task<Workspace?> FindByIdAsync(string workspaceId, CancellationToken cancellationToken) =>
        database.ReadAsync((connection, ct) => connection.Command($"SELECT {Columns} FROM workspaces WHERE id = @id").With("id", workspaceId).OneAsync(Read, ct), cancellationToken);

    public Task<IReadOnlyList<Workspace>> ListAsync(CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<Workspace>>(
            async (connection, ct) => await connection.Command($"SELECT {Columns} FROM workspaces ORDER BY slug COLLATE \"C\"").ListAsync(Read, ct), cancellationToken);

    public Task<long> GetCatalogVersionAsync(string workspaceId, CancellationToken cancellationToken) =>
        database.ReadAsync(async (connection, ct) =>
            await connection.Command("SELECT catalog_version FROM workspaces WHERE id = @id").With("id", workspaceId).ScalarAsync(ct) as long?
            ?? throw NotFound.Workspace(workspaceId), cancellationToken);

    public Task<Workspace> SetDomainsAsync(string workspaceId, IReadOnlyList<string> domains, OperatorActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domains);
        var normalized = domains.Select(d => DomainNames.Normalize(d ?? string.Empty, nameof(domains))).Distinct(StringComparer.Ordinal).ToList();
        if (normalized.Count > MaxDomains)
        {
            throw new ArgumentException($"A workspace can have at most {MaxDomains} domains; {normalized.Count} were given.", nameof(domains));
        }

        // Rules that say 'workspace' read the domains from the cached catalog; moving the version refreshes it.
        return ChangeAsync(
            workspaceId, actor, OperatorActions.DomainsSet, "domains = @value", JsonSerializer.Serialize(normalized),
            w => OperatorChangeText.DomainsText(w.Domains), cancellationToken);
    }

    public Task<Workspace> SetRateLimitsAsync(string workspaceId, RateLimitOverrides overrides, OperatorActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        CheckLimit(overrides.CallsPerMinute, "calls per minute");
        CheckLimit(overrides.ConnectorCallsPerMinute, "connector calls per minute");

        // Servers cache the workspace with its catalog; moving the version makes them read the new limits.
        return database.WriteAsync(async (connection, _, ct) =>
        {
            var old = await LockedAsync(connection, workspaceId, ct);
            await connection.Command("UPDATE workspaces SET calls_per_minute = @calls, connector_calls_per_minute = @connector_calls WHERE id = @id")
                .With("calls", overrides.CallsPerMinute)
                .With("connector_calls", overrides.ConnectorCallsPerMinute)
                .With("id", workspaceId)
                .ExecuteAsync(ct);
            return await FinishChangeAsync(
                connection, old, actor, OperatorActions.LimitsSet, w => OperatorChangeText.LimitsText(w.RateLimitOverrides), ct);
        }, cancellationToken);
    }

    public Task<Workspace> SetApproversAsync(string workspaceId, Approvers? approvers, OperatorActor actor, CancellationToken cancellationToken)
    {
        if (approvers is { } value && !Enum.IsDefined(value))
        {
            throw new ArgumentOutOfRangeException(nameof(approvers), approvers, "Unknown approvers; use client or person.");
        }

        // The approval gate reads the setting from the cached catalog; moving the version refreshes it.
        return ChangeAsync(
            workspaceId, actor, OperatorActions.ApproversSet, "approvers = @value", approvers?.ToName(),
            w => w.Approvers?.ToName() ?? "default", cancellationToken);
    }

    public Task<Workspace> SetToolModeAsync(string workspaceId, ToolMode mode, OperatorActor actor, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown tool mode; use all or discovery.");
        }

        // Sessions list tools from the cached catalog; moving the version refreshes it and sends tools/list_changed.
        return ChangeAsync(workspaceId, actor, OperatorActions.ToolModeSet, "tool_mode = @value", mode.ToName(), w => w.ToolMode.ToName(), cancellationToken);
    }

    /// <summary>
    /// One setting change. Cross-instance: the workspace row is locked (<c>FOR NO KEY UPDATE</c>) before the old value
    /// is read, and the update, the catalog version bump and the operator record commit in that one transaction — an
    /// instance that reads the new version reads the new setting, and concurrent changes record each other's values.
    /// </summary>
    private Task<Workspace> ChangeAsync(
        string workspaceId, OperatorActor actor, string action, string assignment, string? value, Func<Workspace, string> text, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, _, ct) =>
        {
            var old = await LockedAsync(connection, workspaceId, ct);
            await connection.Command($"UPDATE workspaces SET {assignment} WHERE id = @id").With("value", value).With("id", workspaceId).ExecuteAsync(ct);
            return await FinishChangeAsync(connection, old, actor, action, text, ct);
        }, cancellationToken);

    private async Task<Workspace> FinishChangeAsync(
        NpgsqlConnection connection, Workspace old, OperatorActor actor, string action, Func<Workspace, string> text, CancellationToken cancellationToken)
    {
        await WorkspaceRow.BumpCatalogVersionAsync(connection, old.Id, cancellationToken);
        var updated = await CurrentAsync(connection, old.Id, cancellationToken);
        await OperatorChangeRow.AppendAsync(connection, time, actor, Row(updated), action, null, text(old), text(updated), cancellationToken);
        return updated;
    }

    /// <summary>The workspace as stored now, its row locked until the transaction ends.</summary>
    private static async Task<Workspace> LockedAsync(NpgsqlConnection connection, string workspaceId, CancellationToken cancellationToken) =>
        await connection.Command($"SELECT {Columns} FROM workspaces WHERE id = @id FOR NO KEY UPDATE").With("id", workspaceId).OneAsync(Read, cancellationToken)
        ?? throw NotFound.Workspace(workspaceId);

    private static async Task<Workspace> CurrentAsync(NpgsqlConnection connection, string workspaceId, CancellationToken cancellationToken) =>
        await connection.Command($"SELECT {Columns} FROM workspaces WHERE id = @id").With("id", workspaceId).OneAsync(Read, cancellationToken)
        ?? throw NotFound.Workspace(workspaceId);

    private static WorkspaceRow Row(Workspace workspace) => new(workspace.Id, workspace.Slug, workspace.Plan);

    private static void CheckLimit(int? value, string name)
    {
        if (value is < 1 or > PlanLimits.MaxCallsPerMinute)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"{name} must be between 1 and {PlanLimits.MaxCallsPerMinute}.");
        }
    }

    // \z, not $: '$' would also accept a slug followed by a newline.
    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]{1,62}\z", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();

    private static Workspace Read(NpgsqlDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), WorkspacePlans.Parse(reader.GetString(2)), reader.GetTime(3))
        {
            RateLimitOverrides = reader.IsDBNull(4) && reader.IsDBNull(5)
                ? RateLimitOverrides.None
                : new RateLimitOverrides(reader.GetNullableInt32(4), reader.GetNullableInt32(5)),
            // Empty stays the shared empty list, so a workspace without domains equals one read back.
            Domains = JsonSerializer.Deserialize<List<string>>(reader.GetString(6)) is { Count: > 0 } domains ? domains : (IReadOnlyList<string>)Array.Empty<string>(),
            Approvers = reader.IsDBNull(7) ? null : ApproversNames.TryParse(reader.GetString(7), out var approvers) ? approvers : Approvers.Person,
            ToolMode = ToolModeNames.Parse(reader.GetString(8)),
        };
}
