using System.Text.Json;
using System.Text.RegularExpressions;
using Connectors.Mcp.Core.Catalog;
using Connectors.Mcp.Core.Pipeline.Approval.Rules;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Core.Storage.Persistence;
using Connectors.Mcp.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace Connectors.Mcp.Storage.Sqlite;

/// <summary>
/// Workspaces (<c>workspaces</c>, with their rate-limit overrides, own domains, approvers and tool mode) and their API keys
/// (<c>api_keys</c>, SHA-256 only, with their scope: SqliteWorkspaceStore.ApiKeys.cs). Changes to keys, domains, limits, approvers and tool mode write their <c>operator_changes</c>
/// row in their transaction.
/// </summary>
public sealed partial class SqliteWorkspaceStore(SqliteDatabase database, TimeProvider time) : IWorkspaceStore
{
    private const int MaxDomains = 50;
    private const string Columns = "id, slug, plan, created_at, calls_per_minute, connector_calls_per_minute, domains, approvers, tool_mode";

    public Task<Workspace> CreateAsync(string slug, WorkspacePlan plan, CancellationToken cancellationToken) =>
        database.WriteAsync(connection =>
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

            if (connection.Command("SELECT 1 FROM workspaces WHERE slug = $slug;").With("$slug", slug).Exists())
            {
                throw new ConflictException($"Workspace '{slug}' already exists.");
            }

            var workspace = new Workspace(EntityIds.New(EntityIds.WorkspacePrefix), slug, plan, StorageTime.Now(time));
            connection.Command("INSERT INTO workspaces (id, slug, plan, catalog_version, created_at) VALUES ($id, $slug, $plan, 0, $created_at);")
                .With("$id", workspace.Id)
                .With("$slug", workspace.Slug)
                .With("$plan", WorkspacePlans.ToName(plan))
                .With("$created_at", StorageTime.ToText(workspace.CreatedAt))
                .Execute();
            return workspace;
        }, cancellationToken);

    public Task<Workspace?> FindBySlugAsync(string slug, CancellationToken cancellationToken) =>
        database.ReadAsync(connection => ReadOne(connection.Command($"SELECT {Columns} FROM workspaces WHERE slug = $slug;").With("$slug", slug)), cancellationToken);

    public Task<Workspace?> FindByIdAsync(string workspaceId, CancellationToken cancellationToken) =>
        database.ReadAsync(connection => ReadOne(connection.Command($"SELECT {Columns} FROM workspaces WHERE id = $id;").With("$id", workspaceId)), cancellationToken);

    public Task<IReadOnlyList<Workspace>> ListAsync(CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<Workspace>>(connection =>
        {
            using var reader = connection.Command($"SELECT {Columns} FROM workspaces ORDER BY slug;").ExecuteReader();
            var workspaces = new List<Workspace>();
            while (reader.Read())
            {
                workspaces.Add(Read(reader));
            }

            return workspaces;
        }, cancellationToken);

    public Task<long> GetCatalogVersionAsync(string workspaceId, CancellationToken cancellationToken) =>
        database.ReadAsync(connection =>
            connection.Command("SELECT catalog_version FROM workspaces WHERE id = $id;").With("$id", workspaceId).ExecuteScalar() as long?
            ?? throw NotFound.Workspace(workspaceId), cancellationToken);

    public Task<Workspace> SetDomainsAsync(string workspaceId, IReadOnlyList<string> domains, OperatorActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domains);
        var normalized = domains.Select(d => DomainNames.Normalize(d ?? string.Empty, nameof(domains))).Distinct(StringComparer.Ordinal).ToList();
        if (normalized.Count > MaxDomains)
        {
            throw new ArgumentException($"A workspace can have at most {MaxDomains} domains; {normalized.Count} were given.", nameof(domains));
        }

        return database.WriteAsync(connection =>
        {
            var old = Current(connection, workspaceId);
            connection.Command("UPDATE workspaces SET domains = $domains WHERE id = $id;")
                .With("$domains", JsonSerializer.Serialize(normalized))
                .With("$id", workspaceId)
                .Execute();
            // Rules that say 'workspace' read the domains from the cached catalog; moving the version refreshes it.
            WorkspaceRow.BumpCatalogVersion(connection, workspaceId);
            var updated = Current(connection, workspaceId);
            OperatorChangeRow.Append(
                connection, time, actor, Row(updated), OperatorActions.DomainsSet, null, OperatorChangeRow.DomainsText(old.Domains), OperatorChangeRow.DomainsText(updated.Domains));
            return updated;
        }, cancellationToken);
    }

    public Task<Workspace> SetRateLimitsAsync(string workspaceId, RateLimitOverrides overrides, OperatorActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        CheckLimit(overrides.CallsPerMinute, "calls per minute");
        CheckLimit(overrides.ConnectorCallsPerMinute, "connector calls per minute");
        return database.WriteAsync(connection =>
        {
            var old = Current(connection, workspaceId);
            connection.Command("UPDATE workspaces SET calls_per_minute = $calls, connector_calls_per_minute = $connector_calls WHERE id = $id;")
                .With("$calls", overrides.CallsPerMinute)
                .With("$connector_calls", overrides.ConnectorCallsPerMinute)
                .With("$id", workspaceId)
                .Execute();
            // Servers cache the workspace with its catalog; moving the version makes them read the new limits.
            WorkspaceRow.BumpCatalogVersion(connection, workspaceId);
            var updated = Current(connection, workspaceId);
            OperatorChangeRow.Append(
                connection, time, actor, Row(updated), OperatorActions.LimitsSet, null,
                OperatorChangeRow.LimitsText(old.RateLimitOverrides), OperatorChangeRow.LimitsText(updated.RateLimitOverrides));
            return updated;
        }, cancellationToken);
    }

    public Task<Workspace> SetApproversAsync(string workspaceId, Approvers? approvers, OperatorActor actor, CancellationToken cancellationToken)
    {
        if (approvers is { } value && !Enum.IsDefined(value))
        {
            throw new ArgumentOutOfRangeException(nameof(approvers), approvers, "Unknown approvers; use client or person.");
        }

        return database.WriteAsync(connection =>
        {
            var old = Current(connection, workspaceId);
            connection.Command("UPDATE workspaces SET approvers = $approvers WHERE id = $id;")
                .With("$approvers", approvers?.ToName())
                .With("$id", workspaceId)
                .Execute();
            // The approval gate reads the setting from the cached catalog; moving the version refreshes it.
            WorkspaceRow.BumpCatalogVersion(connection, workspaceId);
            var updated = Current(connection, workspaceId);
            OperatorChangeRow.Append(
                connection, time, actor, Row(updated), OperatorActions.ApproversSet, null, old.Approvers?.ToName() ?? "default", updated.Approvers?.ToName() ?? "default");
            return updated;
        }, cancellationToken);
    }

    public Task<Workspace> SetToolModeAsync(string workspaceId, ToolMode mode, OperatorActor actor, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown tool mode; use all or discovery.");
        }

        return database.WriteAsync(connection =>
        {
            var old = Current(connection, workspaceId);
            connection.Command("UPDATE workspaces SET tool_mode = $mode WHERE id = $id;")
                .With("$mode", mode.ToName())
                .With("$id", workspaceId)
                .Execute();
            // Sessions list tools from the cached catalog; moving the version refreshes it and sends tools/list_changed.
            WorkspaceRow.BumpCatalogVersion(connection, workspaceId);
            var updated = Current(connection, workspaceId);
            OperatorChangeRow.Append(connection, time, actor, Row(updated), OperatorActions.ToolModeSet, null, old.ToolMode.ToName(), updated.ToolMode.ToName());
            return updated;
        }, cancellationToken);
    }

    /// <summary>The workspace as stored now, inside the caller's transaction.</summary>
    private static Workspace Current(PooledConnection connection, string workspaceId) =>
        ReadOne(connection.Command($"SELECT {Columns} FROM workspaces WHERE id = $id;").With("$id", workspaceId)) ?? throw NotFound.Workspace(workspaceId);

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

    private static Workspace? ReadOne(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    private static Workspace Read(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), WorkspacePlans.Parse(reader.GetString(2)), StorageTime.Parse(reader.GetString(3)))
        {
            RateLimitOverrides = reader.IsDBNull(4) && reader.IsDBNull(5)
                ? RateLimitOverrides.None
                : new RateLimitOverrides((int?)reader.GetNullableInt64(4), (int?)reader.GetNullableInt64(5)),
            // Empty stays the shared empty list, so a workspace without domains equals one read back.
            Domains = JsonSerializer.Deserialize<List<string>>(reader.GetString(6)) is { Count: > 0 } domains ? domains : (IReadOnlyList<string>)Array.Empty<string>(),
            Approvers = reader.IsDBNull(7) ? null : ApproversNames.TryParse(reader.GetString(7), out var approvers) ? approvers : Approvers.Person,
            ToolMode = ToolModeNames.Parse(reader.GetString(8)),
        };
}
