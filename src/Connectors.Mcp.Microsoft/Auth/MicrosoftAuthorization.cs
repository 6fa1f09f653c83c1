using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Core.Instructions;
using Microsoft.Extensions.Logging;

namespace Connectors.Mcp.Microsoft.Auth;

/// <summary>
/// One Microsoft connector's access token: read from the encrypted store on every call, refreshed
/// <see cref="CredentialRefreshCoordinator.ExpirySkew"/> ahead of expiry (or after a 401) through Core's refresh
/// protocol (<see cref="IConnectorCredentials.RefreshAsync"/>: one refresh in flight per connector across threads and
/// processes, the rotated refresh token saved with a version check before the new access token is used). A dead grant
/// (<c>invalid_grant</c>, e.g. AADSTS700082 or AADSTS50173) keeps the row and puts the connector in <c>needs_reauth</c>.
/// </summary>
internal sealed class MicrosoftAuthorization
{
    private readonly ConnectorContext _context;
    private readonly string _displayName;
    private readonly MicrosoftTokenClient _tokens;
    private readonly ILogger _logger;

    public MicrosoftAuthorization(ConnectorContext context, string displayName, IReadOnlyList<string> scopes, HttpClient http, ILogger logger)
    {
        _context = context;
        _displayName = displayName;
        _logger = logger;
        _tokens = new MicrosoftTokenClient(http, MicrosoftEndpoints.TokenUrl(context.Settings), scopes, context.Time);
    }

    /// <summary>A usable access token, refreshed first when it expires soon.</summary>
    public async Task<string> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        var stored = await ReadAsync(cancellationToken).ConfigureAwait(false);
        return stored.Tokens.IsExpired(_context.Time.GetUtcNow(), CredentialRefreshCoordinator.ExpirySkew)
            ? await RefreshAsync(stored.Version, cancellationToken).ConfigureAwait(false)
            : stored.Tokens.AccessToken;
    }

    /// <summary>After a 401 for <paramref name="rejected"/>: a newer stored token, or a forced refresh.</summary>
    public async Task<string> RefreshAfterRejectionAsync(string rejected, CancellationToken cancellationToken)
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
            var reason = stored.State == CredentialState.Revoked ? "it was disconnected." : "Microsoft refused its grant on an earlier refresh.";
            throw await ReconnectRequiredAsync(reason, null).ConfigureAwait(false);
        }

        return stored;
    }

    private async Task<string> RefreshAsync(long fromVersion, CancellationToken cancellationToken)
    {
        if (_context.OAuthClient is not { } client)
        {
            throw new AuthenticationFailedException(
                $"The {_displayName} connector '{_context.ConnectorName}' has an expired access token and no Microsoft OAuth client is configured to refresh it. " +
                $"Ask the user to configure it: {CliInstructions.OAuthClientSet(MicrosoftOAuthProvider.ProviderKey, "…", "…")}.");
        }

        try
        {
            var saved = await _context.Credentials.RefreshAsync(
                fromVersion,
                async (attempt, ct) =>
                {
                    var refreshed = await _tokens.RefreshAsync(client, attempt.Current, ct).ConfigureAwait(false);
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
                $"{subject} cannot refresh its access token now: Microsoft's token endpoint failed recently, so refreshing is paused (no request was sent).",
                exception.RetryAfter,
                exception),
            _ => new AuthenticationFailedException($"{subject} could not refresh its access token: {exception.Message}", exception),
        };
    }
}
