namespace Connectors.Mcp.Core.Credentials;

/// <summary>Why a token refresh did not produce usable tokens (see <see cref="TokenRefreshException"/>).</summary>
public enum TokenRefreshFailure
{
    /// <summary>The provider refused the grant (<c>invalid_grant</c>): a person must reconnect.</summary>
    GrantRevoked,

    /// <summary>Nothing to refresh: no tokens stored, no refresh token, or the grant is already needs_reauth or revoked.</summary>
    NotConnected,

    /// <summary>The token endpoint failed (5xx, network, timeout). The tokens are kept and a back-off starts.</summary>
    Unavailable,

    /// <summary>A recent failure's back-off is running: no token request was made.</summary>
    BackingOff,

    /// <summary>The provider refused the request for another reason (e.g. <c>invalid_client</c>).</summary>
    Rejected,

    /// <summary>Newer tokens were saved while this refresh ran; its result was not stored.</summary>
    Superseded,

    /// <summary>Another holder kept the refresh lease longer than this caller may wait.</summary>
    Busy,
}
