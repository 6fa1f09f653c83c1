using Google.Apis.Auth.OAuth2.Flows;

namespace Connectors.Mcp.Google.Auth;

/// <summary>
/// Google's flow initializer with the authorization, token and revocation endpoints taken from the connector's
/// settings (the public three-URL constructor is protected).
/// </summary>
internal sealed class GoogleAuthorizationCodeFlowInitializer(Uri authorizationServerUrl, Uri tokenServerUrl, Uri revokeTokenUrl)
    : GoogleAuthorizationCodeFlow.Initializer(authorizationServerUrl.AbsoluteUri, tokenServerUrl.AbsoluteUri, revokeTokenUrl.AbsoluteUri);
