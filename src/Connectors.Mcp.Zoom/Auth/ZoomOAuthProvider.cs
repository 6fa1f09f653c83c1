using Connectors.Mcp.Core.OAuth;

namespace Connectors.Mcp.Zoom.Auth;

/// <summary>
/// Zoom OAuth (a General, user-managed app) as data for the connect flow: authorization code with PKCE at
/// <c>zoom.us/oauth/authorize</c>, code exchange and refreshes at <c>zoom.us/oauth/token</c> with the client
/// authenticated by HTTP Basic. Zoom issues a refresh token on every code exchange, with no extra parameter, and
/// rotates it on every refresh.
/// </summary>
public sealed class ZoomOAuthProvider : IOAuthProvider
{
    public const string ProviderKey = "zoom";

    public string Provider => ProviderKey;

    public string DisplayName => "Zoom";

    public Uri AuthorizationEndpoint { get; } = new(ZoomEndpoints.AuthUrl);

    public Uri TokenEndpoint { get; } = new(ZoomEndpoints.TokenUrl);

    public IReadOnlyList<KeyValuePair<string, string>> AuthorizationParameters { get; } = [];

    public bool UsesBasicClientAuthentication => true;

    /// <summary>Where a Zoom user removes an app's access.</summary>
    public Uri? AccountPermissionsPage { get; } = new("https://marketplace.zoom.us/user/installed");

    /// <summary>
    /// Zoom apps hold either classic scopes (<c>meeting:write</c>, <c>meeting:write:admin</c>) or granular ones
    /// (<c>meeting:write:meeting</c>, <c>meeting:update:meeting</c>, <c>meeting:read:list_meetings</c>, …); a classic
    /// scope the type asks for is granted by itself, its admin form, or any granular scope of the same family.
    /// </summary>
    public bool IsGranted(string requested, IReadOnlyCollection<string> granted) =>
        granted.Any(g => ZoomScopes.Covers(g, requested));
}
