using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Core.Instructions;
using Microsoft.Extensions.Logging;

namespace Connectors.Mcp.Connectors.Auth;

/// <summary>
/// A user-OAuth connector's access token, for any provider whose refresh grant is a plain token request (Microsoft's
/// identity platform, Zoom): read from the encrypted store on every call, refreshed
/// <see cref="CredentialRefreshCoordinator.ExpirySkew"/> ahead of expiry (or after a 401) through Core's refresh protocol
/// (<see cref="IConnectorCredentials.RefreshAsync"/>: one refresh in flight per connector across threads and processes).
/// Providers that rotate refresh tokens kill the old one the moment they issue a new one, so the rotated token is saved
/// with a version check BEFORE the new access token is used; if that save never happens (a crash), the next refresh
/// sends the dead token, the provider answers <c>invalid_grant</c>, and the connector goes to <c>needs_reauth</c> once —
/// it never loops. A dead grant keeps the row.
/// </summary>
public sealed class RefreshingAccessToken
{
    private readonly ConnectorContext _context;
    private readonly string _displayName;
    private readonly RefreshingTokenProvider _provider;
    private readonly ILogger _logger;

    /// <param name="displayName">The connector type's display name, for messages ("Outlook mail", "Zoom").</param>
    public RefreshingAccessToken(ConnectorContext context, string displayName, RefreshingTokenProvider provider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(provider);
        _context = context;
        _displayName = displayName;
        _provider = provider;
        _logger = logger;
    }

    /// <summary>A usable access token, refreshed first when it expires soon.</summary>
    public async Task<string> GetAsync(CancellationToken cancellationToken)
    {
        var stored = await ReadAsync(cancellationToken).ConfigureAwait(false);
        return stored.Tokens.IsExpired(_context.Time.GetUtcNow(), CredentialRefreshCoordinator.ExpirySkew)
            ? await RefreshAsync(stored.Version, cancellationToken).ConfigureAwait(false)
            : stored.Tokens.AccessToken;
    }

    /// <summary>After a 401 for <paramref name="rejected"/>: a newer stored token, or a forced refresh.</summary>
    public async Task<string> RenewAfterRejectionAsync(string rejected, CancellationToken cancellationToken)
    {
        var stored = await ReadAsync(cancellationToken).ConfigureAwait(false);
        return string.Equals(stored.Tokens.AccessToken, rejected, StringComparison.Ordinal)
            ? await RefreshAsync(stored.Version, cancellationToken).ConfigureAwait(false)
            : stored.Tokens.AccessToken;
    }

    /// <summary>Marks the connector <c>needs_reauth</c> (keeping its row) and returns the error telling the user to reconnect.</summary>
    public async Task<ReconnectRequiredException> ReconnectRequiredAsync(string reason, Exception? inner)
    {
        _logger.LogWarning("Connector {ConnectorId} needs re-authorisation: {Reason}", _context.ConnectorId, reason);
        try
        {
            await _context.Credentials.MarkNeedsReauthAsync(reason, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogError(ex, "Could not mark connector {ConnectorId} as needing re-authorisation.", _context.ConnectorId);
        }

        return new ReconnectRequiredException(
            $"The {_displayName} connector '{_context.ConnectorName}' (id {_context.ConnectorId}) must be reconnected: {reason}", inner);
    }

    private async Task<StoredCredential> ReadAsync(CancellationToken cancellationToken)
    {
        var stored = await _context.Credentials.GetStoredAsync(cancellationToken).ConfigureAwait(false);
        if (stored is null || string.IsNullOrEmpty(stored.Tokens.AccessToken))
        {
            throw await ReconnectRequiredAsync("it has no stored OAuth token.", null).ConfigureAwait(false);
        }

        if (stored.State is CredentialState.NeedsReauth or CredentialState.Revoked)
        {
            var reason = stored.State == CredentialState.Revoked ? "it was disconnected." : $"{_provider.Name} refused its grant on an earlier refresh.";
            throw await ReconnectRequiredAsync(reason, null).ConfigureAwait(false);
        }

        return stored;
    }

    private async Task<string> RefreshAsync(long fromVersion, CancellationToken cancellationToken)
    {
        if (_context.OAuthClient is not { } client)
        {
            throw new AuthenticationFailedException(
                $"The {_displayName} connector '{_context.ConnectorName}' has an expired access token and no {_provider.Name} OAuth client is configured to refresh it. " +
                $"Ask the user to configure it: {CliInstructions.OAuthClientSet(_provider.Key, "…", "…")}.");
        }

        try
        {
            var saved = await _context.Credentials.RefreshAsync(
                fromVersion,
                async (attempt, ct) =>
                {
                    var refreshed = await _provider.RefreshAsync(client, attempt.Current, ct).ConfigureAwait(false);
                    await attempt.SaveAsync(refreshed, ct).ConfigureAwait(false); // committed before the new token is used
                },
                cancellationToken).ConfigureAwait(false);
            return saved.Tokens.AccessToken;
        }
        catch (TokenRefreshException ex)
        {
            throw await TranslateAsync(ex).ConfigureAwait(false);
        }
    }

    private async Task<ConnectorException> TranslateAsync(TokenRefreshException exception)
    {
        var subject = $"The {_displayName} connector '{_context.ConnectorName}'";
        return exception.Failure switch
        {
            TokenRefreshFailure.GrantRevoked or TokenRefreshFailure.NotConnected =>
                await ReconnectRequiredAsync(exception.Message, exception).ConfigureAwait(false),
            TokenRefreshFailure.Unavailable => new AuthenticationFailedException(
                $"{exception.Message.TrimEnd('.')}; {subject} could not refresh its access token. Its tokens are kept; refreshing is paused for every process until the back-off ends.",
                exception,
                exception.RetryAfter ?? TimeSpan.Zero),
            TokenRefreshFailure.BackingOff => new RateLimitedException(
                $"{subject} cannot refresh its access token now: {_provider.Name}'s token endpoint failed recently, so refreshing is paused (no request was sent).",
                exception.RetryAfter,
                exception),
            TokenRefreshFailure.Busy => new RateLimitedException($"{subject} {exception.Message}", exception.RetryAfter, exception),
            _ => new AuthenticationFailedException($"{subject} could not refresh its access token: {exception.Message}", exception),
        };
    }
}
