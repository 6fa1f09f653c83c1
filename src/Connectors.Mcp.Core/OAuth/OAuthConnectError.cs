namespace Connectors.Mcp.Core.OAuth;

/// <summary>Why a connect flow stopped. Nothing is stored in any of these cases.</summary>
public enum OAuthConnectError
{
    /// <summary>The connector's type is not in this build.</summary>
    UnknownConnectorType,

    /// <summary>The connector was removed while the flow was in progress.</summary>
    UnknownConnector,

    /// <summary>No <see cref="IOAuthProvider"/> is registered for the type's provider.</summary>
    UnsupportedProvider,

    /// <summary>No OAuth client is configured for the provider (<c>oauth-client set</c>).</summary>
    NoOAuthClient,

    /// <summary>The connector's <c>auth_url</c> or <c>token_url</c> setting is not a usable URL.</summary>
    InvalidEndpointSetting,

    /// <summary>The redirect carried no <c>state</c>.</summary>
    MissingState,

    /// <summary>The <c>state</c> was never issued here (or is long gone).</summary>
    UnknownState,

    /// <summary>The <c>state</c> was issued more than its lifetime ago.</summary>
    ExpiredState,

    /// <summary>The <c>state</c> was presented before (a replay, or a reload of the result page).</summary>
    StateAlreadyUsed,

    /// <summary>The redirect arrived at another redirect URI than the one the authorization request named.</summary>
    RedirectUriMismatch,

    /// <summary>The person declined on the consent screen (<c>error=access_denied</c>).</summary>
    AccessDenied,

    /// <summary>The provider redirected back with another error.</summary>
    AuthorizationFailed,

    /// <summary>The redirect carried neither a code nor an error.</summary>
    MissingCode,

    /// <summary>The token endpoint rejected the code (<c>invalid_grant</c>: expired, used, or a verifier or redirect URI mismatch).</summary>
    CodeRejected,

    /// <summary>The token endpoint rejected the OAuth client (<c>invalid_client</c>, <c>unauthorized_client</c>).</summary>
    ClientRejected,

    /// <summary>The token endpoint could not be reached or failed (5xx, timeout).</summary>
    TokenEndpointUnavailable,

    /// <summary>The token endpoint refused the exchange for another reason.</summary>
    TokenExchangeFailed,

    /// <summary>The token endpoint answered 200 without a usable token response.</summary>
    InvalidTokenResponse,

    /// <summary>The person granted fewer scopes than the connector type needs (unticked boxes on the consent screen).</summary>
    InsufficientScope,
}
