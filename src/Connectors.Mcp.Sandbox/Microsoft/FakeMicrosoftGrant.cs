namespace Connectors.Mcp.Sandbox.Microsoft;

/// <summary>Tokens the fake issued, as a connector stores them.</summary>
public sealed record FakeMicrosoftGrant(string AccessToken, string RefreshToken, DateTimeOffset ExpiresAt, string Scope)
{
    public override string ToString() => $"FakeMicrosoftGrant {{ ExpiresAt = {ExpiresAt:O} }}";
}
