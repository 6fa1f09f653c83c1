namespace Connectors.Mcp.Zoom.Auth;

/// <summary>A Server-to-Server OAuth app's credentials. <see cref="ToString"/> never shows the secret.</summary>
internal sealed record ZoomServerCredentials(string AccountId, string ClientId, string ClientSecret)
{
    public override string ToString() => $"ZoomServerCredentials {{ AccountId = {AccountId}, ClientId = {ClientId}, ClientSecret = *** }}";
}
