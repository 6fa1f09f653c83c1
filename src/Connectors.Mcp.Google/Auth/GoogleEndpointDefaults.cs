namespace Connectors.Mcp.Google.Auth;

/// <summary>
/// Google's production OAuth endpoints; a connector's <c>token_url</c> / <c>auth_url</c> / <c>revoke_url</c> settings
/// replace them.
/// </summary>
internal static class GoogleEndpointDefaults
{
    /// <summary>The provider family key of every Google connector type (whose OAuth client and revoker it uses).</summary>
    public const string Provider = GoogleOAuthProvider.ProviderKey;

    public const string TokenUrl = "https://oauth2.googleapis.com/token";
    public const string AuthUrl = "https://accounts.google.com/o/oauth2/v2/auth";
    public const string RevokeUrl = "https://oauth2.googleapis.com/revoke";
}
