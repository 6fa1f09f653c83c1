using Connectors.Mcp.Core.OAuth;

namespace Connectors.Mcp.Google.Auth;

/// <summary>
/// Google's OAuth 2.0 for web server and installed apps, as data for the connect flow: the production endpoints (a
/// connector's <c>auth_url</c> / <c>token_url</c> replace them) and the parameters that make Google issue a refresh
/// token every time — <c>access_type=offline</c>, and <c>prompt=consent</c> because Google sends a refresh token only on
/// a consent — plus <c>include_granted_scopes=true</c> (incremental authorization: one grant can serve Gmail and
/// Calendar connectors of the same account).
/// </summary>
public sealed class GoogleOAuthProvider : IOAuthProvider
{
    public const string ProviderKey = "google";

    public string Provider => ProviderKey;

    public string DisplayName => "Google";

    public Uri AuthorizationEndpoint { get; } = new(GoogleEndpointDefaults.AuthUrl);

    public Uri TokenEndpoint { get; } = new(GoogleEndpointDefaults.TokenUrl);

    public Uri? AccountPermissionsPage { get; } = new("https://myaccount.google.com/permissions");

    public IReadOnlyList<KeyValuePair<string, string>> AuthorizationParameters { get; } =
    [
        new("access_type", "offline"),
        new("prompt", "consent"),
        new("include_granted_scopes", "true"),
    ];
}
