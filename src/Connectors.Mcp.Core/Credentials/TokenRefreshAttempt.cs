namespace Connectors.Mcp.Core.Credentials;

/// <summary>
/// What a refresh callback is given while its caller holds the connector's refresh lease: the tokens to refresh and the
/// one way to store the result — a save that succeeds only if the stored version is still <see cref="FromVersion"/>.
/// The provider code saves before it uses the new access token, so a rotated refresh token is committed first.
/// </summary>
public sealed class TokenRefreshAttempt
{
    private readonly Func<OAuthTokens, CancellationToken, Task<StoredCredential?>> _save;

    /// <param name="save">The version-checked save: the stored credential after it, or null when the version moved.</param>
    public TokenRefreshAttempt(OAuthTokens current, long fromVersion, Func<OAuthTokens, CancellationToken, Task<StoredCredential?>> save)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(save);
        Current = current;
        FromVersion = fromVersion;
        _save = save;
    }

    /// <summary>The stored tokens the refresh starts from (their refresh token is the one to send).</summary>
    public OAuthTokens Current { get; }

    /// <summary>The stored version the refresh started from.</summary>
    public long FromVersion { get; }

    /// <summary>The credential as stored by <see cref="SaveAsync"/>; null until then.</summary>
    public StoredCredential? Saved { get; private set; }

    /// <summary>Stores the refreshed tokens durably, unless newer tokens were saved meanwhile.</summary>
    /// <exception cref="TokenRefreshException"><see cref="TokenRefreshFailure.Superseded"/>: the stored version moved.</exception>
    public async Task SaveAsync(OAuthTokens refreshed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(refreshed);
        Saved = await _save(refreshed, cancellationToken).ConfigureAwait(false)
            ?? throw new TokenRefreshException(TokenRefreshFailure.Superseded, "Newer tokens were stored while this refresh ran; its result was discarded.");
    }
}
