using Connectors.Mcp.Core.OAuth;

namespace Connectors.Mcp.Microsoft.Auth;

/// <summary>
/// The Microsoft identity platform (v2.0 endpoints) as data for the connect flow: the production endpoints of the
/// <c>common</c> tenant (a connector's <c>auth_url</c> / <c>token_url</c>, or its <c>tenant</c> setting, replace them for
/// refreshes) and <c>prompt=select_account</c>, so a person with several Microsoft accounts picks the one to connect.
/// Microsoft issues a refresh token whenever <c>offline_access</c> is among the scopes, so no further parameter is needed.
/// </summary>
public sealed class MicrosoftOAuthProvider : IOAuthProvider
{
    public const string ProviderKey = "microsoft";

    public string Provider => ProviderKey;

    public string DisplayName => "Microsoft";

    public Uri AuthorizationEndpoint { get; } = MicrosoftEndpoints.AuthUrl(MicrosoftEndpoints.DefaultTenant);

    public Uri TokenEndpoint { get; } = MicrosoftEndpoints.TokenUrl(MicrosoftEndpoints.DefaultTenant);

    public Uri? AccountPermissionsPage { get; } = new("https://myapps.microsoft.com");

    public IReadOnlyList<KeyValuePair<string, string>> AuthorizationParameters { get; } =
    [
        new("prompt", "select_account"),
    ];
}
