namespace Connectors.Mcp.Core.Credentials;

/// <summary>The answer of <see cref="Storage.ICredentialStore.TryAcquireRefreshLeaseAsync"/>.</summary>
public enum RefreshLeaseStatus
{
    /// <summary>The caller holds the lease until <see cref="RefreshLeaseResult.Until"/> and may call the token endpoint.</summary>
    Acquired,

    /// <summary>The stored version is no longer the one the refresh started from: someone saved newer tokens. Re-read them.</summary>
    Superseded,

    /// <summary>Another holder's lease is live until <see cref="RefreshLeaseResult.Until"/>: wait for its result.</summary>
    Held,

    /// <summary>The token endpoint failed recently; no refresh before <see cref="RefreshLeaseResult.Until"/>.</summary>
    BackingOff,

    /// <summary>No tokens are stored, or the grant is needs_reauth or revoked: nothing to refresh.</summary>
    Unavailable,
}
