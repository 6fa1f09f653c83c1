namespace Connectors.Mcp.Sandbox.Google;

/// <summary>Tokens minted by the fake for seeding a connector (e.g. the sandbox's <c>demo</c> workspace).</summary>
public sealed record FakeTokenGrant(string AccessToken, string RefreshToken, DateTimeOffset ExpiresAt, string Scope)
{
    public override string ToString() => $"FakeTokenGrant {{ AccessToken = ***, RefreshToken = ***, ExpiresAt = {ExpiresAt:O} }}";
}
