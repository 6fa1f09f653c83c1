using Connectors.Mcp.Core.Catalog;

namespace Connectors.Mcp.Core.Storage;

/// <summary>
/// An API key as stored (<c>api_keys</c>): its public id (<c>key_…</c>, what lists show and <c>apikey revoke</c> takes),
/// its workspace, an optional name and the tools it may see and call. The key itself is never stored, only its SHA-256;
/// <see cref="IssuedApiKey"/> carries it once, at creation.
/// </summary>
public sealed record ApiKey(
    string Id,
    string WorkspaceId,
    string? Name,
    ToolScope Scope,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt)
{
    public bool IsRevoked => RevokedAt is not null;
}
