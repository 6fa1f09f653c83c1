namespace Connectors.Mcp.Core.Storage;

/// <summary>
/// An admin token as stored (<c>admin_tokens</c>): it opens <c>/admin</c> and <c>/admin/api</c>, never <c>/mcp</c>.
/// The token itself is never stored, only its SHA-256; <see cref="IssuedAdminToken"/> carries it once, at creation.
/// </summary>
public sealed record AdminToken(
    string Id,
    string Name,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt,
    DateTimeOffset? LastUsedAt)
{
    public bool IsRevoked => RevokedAt is not null;
}
