using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.OAuth;

namespace Connectors.Mcp.Microsoft.Auth;

/// <summary>
/// The Microsoft identity platform (v2.0 endpoints) as data for the connect flow: the production endpoints of the
/// connector's <c>tenant</c> setting (default <c>common</c>) — the same tenant for consent, code exchange and every
/// refresh — unless its <c>auth_url</c> / <c>token_url</c> settings replace them; and <c>prompt=select_account</c>, so a person with several Microsoft accounts picks the one to connect.
/// Microsoft issues a refresh token whenever <c>offline_access</c> is among the scopes, so no further parameter is needed.
/// </summary>
public sealed class MicrosoftOAuthProvider : IOAuthProvider
{
    public const string ProviderKey = "microsoft";

    private const string OfflineAccess = "offline_access";
    private const string GraphResource = "https://graph.microsoft.com/";

    public string Provider => ProviderKey;

    public string DisplayName => "Microsoft";

    public Uri AuthorizationEndpoint { get; } = MicrosoftEndpoints.AuthUrl(MicrosoftEndpoints.DefaultTenant);

    public Uri TokenEndpoint { get; } = MicrosoftEndpoints.TokenUrl(MicrosoftEndpoints.DefaultTenant);

    public Uri AuthorizationEndpointFor(ConnectorSettings settings) => MicrosoftEndpoints.AuthUrl(MicrosoftEndpoints.Tenant(settings));

    public Uri TokenEndpointFor(ConnectorSettings settings) => MicrosoftEndpoints.TokenUrl(MicrosoftEndpoints.Tenant(settings));

    /// <summary>
    /// The identity platform lists granted Graph permissions without the <c>https://graph.microsoft.com/</c> prefix and
    /// in any case (<c>Mail.Read</c>, <c>mail.read</c>), and never lists <c>offline_access</c>: it only makes the
    /// response carry a refresh token, which the connect flow reports on its own.
    /// </summary>
    public bool IsGranted(string requested, IReadOnlyCollection<string> granted) =>
        string.Equals(requested, OfflineAccess, StringComparison.OrdinalIgnoreCase)
        || granted.Any(g => string.Equals(WithoutGraphResource(g), WithoutGraphResource(requested), StringComparison.OrdinalIgnoreCase));

    public Uri? AccountPermissionsPage { get; } = new("https://myapps.microsoft.com");

    public IReadOnlyList<KeyValuePair<string, string>> AuthorizationParameters { get; } =
    [
        new("prompt", "select_account"),
    ];

    private static string WithoutGraphResource(string scope) =>
        scope.StartsWith(GraphResource, StringComparison.OrdinalIgnoreCase) ? scope[GraphResource.Length..] : scope;
}
