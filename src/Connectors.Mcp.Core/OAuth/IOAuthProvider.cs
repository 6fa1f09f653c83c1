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
    /// Query parameters added to every authorization request after the standard ones, e.g. what makes the provider
    /// issue a refresh token (Google: <c>access_type=offline</c>, <c>prompt=consent</c>).
    /// </summary>
    IReadOnlyList<KeyValuePair<string, string>> AuthorizationParameters { get; }

    /// <summary>
    /// Where an account's owner sees and removes the apps that have access (Google:
    /// <c>https://myaccount.google.com/permissions</c>): what <c>connector disconnect</c> points to when revoking at the
    /// provider failed. <c>null</c> when the provider has no such page.
    /// </summary>
    Uri? AccountPermissionsPage => null;
}
