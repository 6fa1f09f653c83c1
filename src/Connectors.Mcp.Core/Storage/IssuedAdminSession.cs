namespace Connectors.Mcp.Core.Storage;

/// <summary>A just-opened session and its id (the cookie value): the only time the id exists in clear.</summary>
public sealed record IssuedAdminSession(AdminSession Session, string SessionId)
{
    public override string ToString() => $"IssuedAdminSession {{ TokenName = {Session.TokenName}, ExpiresAt = {Session.ExpiresAt:O} }}";
}
