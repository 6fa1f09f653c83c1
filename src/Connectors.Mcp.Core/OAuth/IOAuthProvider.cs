using Connectors.Mcp.Core.Connectors;

namespace Connectors.Mcp.Core.OAuth;

/// <summary>
/// How a provider family (<c>google</c>, <c>microsoft</c>, …) runs the OAuth 2.0 authorization code flow: its default
/// endpoints and the extra parameters of its authorization request. Declared as data by the provider's project and
/// registered in DI next to its connector types; a connector's <c>auth_url</c> / <c>token_url</c> settings replace the
/// endpoints. Core never names a provider.
/// </summary>
public interface IOAuthProvider
{
    /// <summary>The provider key connector types name in <c>IConnectorType.Provider</c>, e.g. <c>google</c>.</summary>
    string Provider { get; }

    /// <summary>How people call it, e.g. <c>Google</c>.</summary>
    string DisplayName { get; }

    /// <summary>The production authorization (consent) endpoint.</summary>
    Uri AuthorizationEndpoint { get; }

    /// <summary>The production token endpoint.</summary>
    Uri TokenEndpoint { get; }

    /// <summary>
    /// The authorization endpoint for one connector, when the provider's endpoints depend on its settings (Microsoft:
    /// the <c>tenant</c> setting is a path segment). A connector's <c>auth_url</c> setting still wins over this.
    /// </summary>
    /// <exception cref="InvalidOperationException">A setting it reads is malformed; the message names it.</exception>
    Uri AuthorizationEndpointFor(ConnectorSettings settings) => AuthorizationEndpoint;

    /// <summary>The token endpoint for one connector (see <see cref="AuthorizationEndpointFor"/>); <c>token_url</c> wins.</summary>
    /// <exception cref="InvalidOperationException">A setting it reads is malformed; the message names it.</exception>
    Uri TokenEndpointFor(ConnectorSettings settings) => TokenEndpoint;

    /// <summary>
    /// Query parameters added to every authorization request after the standard ones, e.g. what makes the provider
    /// issue a refresh token (Google: <c>access_type=offline</c>, <c>prompt=consent</c>).
    /// </summary>
    IReadOnlyList<KeyValuePair<string, string>> AuthorizationParameters { get; }

    /// <summary>
    /// Whether the token response granted <paramref name="requested"/> (a scope the connector type asks for), given the
    /// scopes its <c>scope</c> field lists. Default: listed exactly. A provider that spells grants differently from
    /// requests overrides it (Microsoft lists Graph permissions without their resource prefix and never lists
    /// <c>offline_access</c>).
    /// </summary>
    bool IsGranted(string requested, IReadOnlyCollection<string> granted) => granted.Contains(requested, StringComparer.Ordinal);

    /// <summary>
    /// Where an account's owner sees and removes the apps that have access (Google:
    /// <c>https://myaccount.google.com/permissions</c>): what <c>connector disconnect</c> points to when revoking at the
    /// provider failed. <c>null</c> when the provider has no such page.
    /// </summary>
    Uri? AccountPermissionsPage => null;

    /// <summary>
    /// Whether the token endpoint wants the client authenticated with HTTP Basic (RFC 6749 §2.3.1:
    /// <c>Authorization: Basic base64(client_id:client_secret)</c>, no credentials in the body), as Zoom's does.
    /// Default: <c>client_id</c> / <c>client_secret</c> in the form body, as Google and Microsoft document it.
    /// </summary>
    bool UsesBasicClientAuthentication => false;
}
