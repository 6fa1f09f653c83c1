namespace Connectors.Mcp.Core.Storage;

/// <summary>A just-created admin token and its secret (<c>cma_…</c>): the only time the secret exists in clear.</summary>
public sealed record IssuedAdminToken(AdminToken Token, string Secret)
{
    public override string ToString() => $"IssuedAdminToken {{ Id = {Token.Id}, Name = {Token.Name} }}";
}
