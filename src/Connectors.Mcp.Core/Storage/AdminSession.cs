namespace Connectors.Mcp.Core.Storage;

/// <summary>
/// A browser session opened with an admin token (<c>admin_sessions</c>). The session id travels only in the
/// <c>cmcp_admin</c> cookie and is stored as its SHA-256; <see cref="CsrfToken"/> must accompany every state-changing request.
/// </summary>
public sealed record AdminSession(
    string TokenId,
    string TokenName,
    string CsrfToken,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt)
{
    public override string ToString() => $"AdminSession {{ TokenId = {TokenId}, TokenName = {TokenName}, ExpiresAt = {ExpiresAt:O} }}";
}
