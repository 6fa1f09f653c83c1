using Connectors.Mcp.Core.Catalog;

namespace Connectors.Mcp.Core.Storage;

public interface IWorkspaceStore
{
    /// <exception cref="ConflictException">The slug is taken.</exception>
    /// <exception cref="ArgumentException">The slug is not <c>^[a-z0-9][a-z0-9-]{1,62}$</c>.</exception>
    Task<Workspace> CreateAsync(string slug, WorkspacePlan plan, CancellationToken cancellationToken);

    Task<Workspace?> FindBySlugAsync(string slug, CancellationToken cancellationToken);

    Task<Workspace?> FindByIdAsync(string workspaceId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Workspace>> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Creates an API key with a public id (<c>key_…</c>), an optional name and a scope, and returns it with its secret;
    /// only the secret's SHA-256 is stored, so this is the only time it exists in clear. The operator record names the
    /// key by its id.
    /// </summary>
    /// <exception cref="ArgumentException">The name is blank or longer than 100 characters.</exception>
    Task<IssuedApiKey> CreateApiKeyAsync(string workspaceId, string? name, ToolScope scope, OperatorActor actor, CancellationToken cancellationToken);

    /// <summary>The workspace's API keys, revoked ones too, oldest first (never a key or its hash).</summary>
    Task<IReadOnlyList<ApiKey>> ListApiKeysAsync(string workspaceId, CancellationToken cancellationToken);

    /// <summary>
    /// Revokes a key by its id: from then on <see cref="FindByApiKeyAsync"/> does not find it. Revoking a revoked key
    /// changes nothing and says so (<see cref="ApiKeyRevocation.WasAlreadyRevoked"/>); a first revocation is recorded.
    /// </summary>
    /// <exception cref="EntityNotFoundException">No key has this id.</exception>
    Task<ApiKeyRevocation> RevokeApiKeyAsync(string keyId, OperatorActor actor, CancellationToken cancellationToken);

    /// <summary>
    /// The workspace an API key opens and the key's scope, compared by hash; <c>null</c> for an unknown or revoked key.
    /// </summary>
    Task<ApiKeyMatch?> FindByApiKeyAsync(string apiKey, CancellationToken cancellationToken);

    /// <summary>
    /// A counter bumped by every change that alters the workspace's tool list or policies (connector added, removed,
    /// enabled, disabled, errored, recovered; policy set). Servers compare it to invalidate their cached catalog — also
    /// when the change came from another process such as the CLI.
    /// </summary>
    Task<long> GetCatalogVersionAsync(string workspaceId, CancellationToken cancellationToken);

    /// <summary>
    /// Stores the workspace's rate-limit overrides (<c>null</c> = the plan's default) and bumps its catalog version in
    /// the same transaction, so running servers apply the new limits on their next call; the operator record (old and
    /// new overrides) is written in that transaction too.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit is below 1 or above <see cref="PlanLimits.MaxCallsPerMinute"/>.</exception>
    Task<Workspace> SetRateLimitsAsync(string workspaceId, RateLimitOverrides overrides, OperatorActor actor, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the workspace's own domains (normalised to lower case, no duplicates), bumps its catalog version and
    /// records the old and new domains, in one transaction.
    /// </summary>
    /// <exception cref="ArgumentException">A value is not a domain name such as <c>acme.com</c>.</exception>
    Task<Workspace> SetDomainsAsync(string workspaceId, IReadOnlyList<string> domains, OperatorActor actor, CancellationToken cancellationToken);

    /// <summary>
    /// Stores who may approve the workspace's gated calls (<c>null</c> = the serving mode's default), bumps its catalog
    /// version (running servers apply it on their next call) and records the old and new setting, in one transaction.
    /// </summary>
    Task<Workspace> SetApproversAsync(string workspaceId, Approvers? approvers, OperatorActor actor, CancellationToken cancellationToken);

    /// <summary>
    /// Stores how the workspace's sessions list tools (a key's own mode still wins), bumps its catalog version (running
    /// servers send tools/list_changed) and records the old and new mode, in one transaction.
    /// </summary>
    Task<Workspace> SetToolModeAsync(string workspaceId, ToolMode mode, OperatorActor actor, CancellationToken cancellationToken);
}
