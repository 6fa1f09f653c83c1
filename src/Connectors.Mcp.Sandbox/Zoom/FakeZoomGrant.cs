namespace Connectors.Mcp.Sandbox.Zoom;

/// <summary>
/// Tokens the fake issued for a user OAuth grant, as a connector stores them. <see cref="ToString"/> is redacted.
/// </summary>
public sealed record FakeZoomGrant(string AccessToken, string RefreshToken, DateTimeOffset ExpiresAt, string Scope)
{
    public override string ToString() => $"FakeZoomGrant {{ ExpiresAt = {ExpiresAt:O}, Scope = {Scope} }}";
}
