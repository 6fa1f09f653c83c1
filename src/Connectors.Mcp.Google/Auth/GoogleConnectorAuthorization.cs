using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Core.Errors;
using Google.Apis.Auth.OAuth2;
using Google.Apis.Auth.OAuth2.Flows;
using Google.Apis.Auth.OAuth2.Responses;
using Google.Apis.Http;
using Microsoft.Extensions.Logging;

namespace Connectors.Mcp.Google.Auth;

/// <summary>
/// One Google connector's OAuth state: a <see cref="UserCredential"/> (<see cref="ConnectorUserCredential"/>: one
/// refresh and one retry per 401) over a <see cref="ConnectorAuthorizationCodeFlow"/> whose endpoints come from settings
/// and whose refreshes run under the product's refresh protocol (one in flight per connector across threads and
/// processes, version-checked save, back-off). Tokens are refreshed <see cref="CredentialRefreshCoordinator.ExpirySkew"/>
/// ahead of expiry. Turns token-endpoint failures into the product's errors; a dead grant (<c>invalid_grant</c>) keeps
/// the row and puts the connector in <c>needs_reauth</c>.
/// </summary>
internal sealed class GoogleConnectorAuthorization
{
    private readonly ConnectorContext _context;
    private readonly string _displayName;
    private readonly IReadOnlyList<string> _scopes;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ConnectorUserCredential? _credential;
    private ConnectorAuthorizationCodeFlow? _flow;

    public GoogleConnectorAuthorization(ConnectorContext context, string displayName, IReadOnlyList<string> scopes, ILogger logger)
    {
        _context = context;
        _displayName = displayName;
        _scopes = scopes;
        _logger = logger;
        TokenUrl = context.Settings.GetUri(ConnectorSettings.TokenUrl, GoogleEndpointDefaults.TokenUrl);
        AuthUrl = context.Settings.GetUri(ConnectorSettings.AuthUrl, GoogleEndpointDefaults.AuthUrl);
        RevokeUrl = context.Settings.GetUri(ConnectorSettings.RevokeUrl, GoogleEndpointDefaults.RevokeUrl);
    }

    public Uri TokenUrl { get; }

    public Uri AuthUrl { get; }

    public Uri RevokeUrl { get; }

    /// <summary>
    /// The credential, with the stored tokens, refreshed first when they expire within
    /// <see cref="CredentialRefreshCoordinator.ExpirySkew"/>. Reloads them on every call so a token set by the CLI (or
    /// refreshed by another process) since the last call is used.
    /// </summary>
    public async Task<UserCredential> GetCredentialAsync(CancellationToken cancellationToken)
    {
        var stored = await _context.Credentials.GetStoredAsync(cancellationToken).ConfigureAwait(false);
        if (stored is null || string.IsNullOrEmpty(stored.Tokens.AccessToken))
        {
            throw await ReconnectRequiredAsync("it has no stored OAuth token.", null).ConfigureAwait(false);
        }

        if (stored.State is CredentialState.NeedsReauth or CredentialState.Revoked)
        {
            var reason = stored.State == CredentialState.Revoked ? "it was disconnected." : "Google refused its grant on an earlier refresh.";
            throw await ReconnectRequiredAsync(reason, null).ConfigureAwait(false);
        }

        var now = _context.Time.GetUtcNow();
        var expiring = stored.Tokens.IsExpired(now, CredentialRefreshCoordinator.ExpirySkew);
        if (_context.OAuthClient is null && expiring)
        {
            throw new AuthenticationFailedException(ReconnectInstructions.ConfigureClient(
                GoogleOAuthProvider.ProviderKey, $"The {_displayName} connector '{_context.ConnectorName}' has an expired access token and no Google OAuth client is configured to refresh it."));
        }

        ConnectorUserCredential credential;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_credential is null || _flow is null)
            {
                _flow = CreateFlow(stored.Version);
                _credential = new ConnectorUserCredential(_flow, UserId, GoogleTokenConversion.ToTokenResponse(stored.Tokens, now));
            }
            else if (stored.Version != _flow.TokenVersion || !string.Equals(_credential.Token.AccessToken, stored.Tokens.AccessToken, StringComparison.Ordinal))
            {
                _credential.Token = GoogleTokenConversion.ToTokenResponse(stored.Tokens, now);
                _flow.TokenVersion = stored.Version;
            }

            credential = _credential;
        }
        finally
        {
            _gate.Release();
        }

        if (expiring)
        {
            // Ahead of expiry, before any request: through the flow, so under the lease (or using another's refresh).
            bool refreshed;
            try
            {
                refreshed = await credential.RefreshTokenAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (TokenResponseException ex)
            {
                throw await TranslateTokenErrorAsync(ex).ConfigureAwait(false);
            }

            if (!refreshed)
            {
                throw await ReconnectRequiredAsync("its access token has expired and it has no refresh token.", null).ConfigureAwait(false);
            }
        }

        return credential;
    }

    /// <summary>The error for a failed token request (a refresh during a call).</summary>
    public async Task<ConnectorException> TranslateTokenErrorAsync(TokenResponseException exception)
    {
        var error = exception.Error?.Error ?? "unknown_error";
        var status = (int)(exception.StatusCode ?? 0);
        switch (error)
        {
            case "invalid_grant":
                return await ReconnectRequiredAsync("Google rejected its refresh token (invalid_grant: the grant was revoked or has expired).", exception)
                    .ConfigureAwait(false);
            case "invalid_client" or "unauthorized_client":
                _logger.LogWarning("Google's token endpoint rejected the OAuth client ({Error}) for connector {ConnectorId}.", error, _context.ConnectorId);
                return new AuthenticationFailedException(
                    ReconnectInstructions.ConfigureClient(GoogleOAuthProvider.ProviderKey, $"Google's token endpoint rejected the configured OAuth client ({error})."), exception);
        }

        if (status >= 500)
        {
            return new AuthenticationFailedException(
                $"Google's token endpoint is unavailable (HTTP {status}); the {_displayName} connector could not refresh its access token. Try again later.", exception);
        }

        _logger.LogWarning("Token refresh for connector {ConnectorId} failed: HTTP {Status} {Error}.", _context.ConnectorId, status, error);
        return new AuthenticationFailedException(
            $"Google's token endpoint refused to refresh the access token of the {_displayName} connector '{_context.ConnectorName}' ({error}).", exception);
    }

    /// <summary>The error for a refresh that ended without usable tokens (see <see cref="TokenRefreshFailure"/>).</summary>
    public async Task<ConnectorException> TranslateRefreshFailureAsync(TokenRefreshException exception)
    {
        var subject = $"The {_displayName} connector '{_context.ConnectorName}'";
        switch (exception.Failure)
        {
            case TokenRefreshFailure.GrantRevoked or TokenRefreshFailure.Rejected when exception.InnerException is TokenResponseException tokenError:
                return await TranslateTokenErrorAsync(tokenError).ConfigureAwait(false);
            case TokenRefreshFailure.GrantRevoked or TokenRefreshFailure.NotConnected:
                return await ReconnectRequiredAsync(exception.Message, exception).ConfigureAwait(false);
            case TokenRefreshFailure.Unavailable:
                return new AuthenticationFailedException(
                    $"{exception.Message.TrimEnd('.')}; {subject} could not refresh its access token. Its tokens are kept; refreshing is paused for every process until the back-off ends.",
                    exception,
                    exception.RetryAfter ?? TimeSpan.Zero);
            case TokenRefreshFailure.BackingOff:
                return new RateLimitedException(
                    $"{subject} cannot refresh its access token now: Google's token endpoint failed recently, so refreshing is paused (no request was sent).",
                    exception.RetryAfter,
                    exception);
            default:
                return new AuthenticationFailedException($"{subject} could not refresh its access token: {exception.Message}", exception);
        }
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

        return new ReconnectRequiredException(ReconnectInstructions.Reconnect(_context, _displayName, reason), inner);
    }

    /// <summary>Replaces the tokens this credential holds, if they appear in <paramref name="text"/> (defence in depth for provider messages).</summary>
    public string Redact(string text)
    {
        var token = _credential?.Token;
        foreach (var secret in new[] { token?.AccessToken, token?.RefreshToken, _context.OAuthClient?.ClientSecret })
        {
            if (!string.IsNullOrEmpty(secret))
            {
                text = text.Replace(secret, "***", StringComparison.Ordinal);
            }
        }

        return text;
    }

    private string UserId => $"{_context.WorkspaceId}/{_context.ConnectorId}";

    private ConnectorAuthorizationCodeFlow CreateFlow(long tokenVersion)
    {
        var dataStore = new ConnectorCredentialDataStore(_context.Credentials, _context.Time, _logger);
        var initializer = new GoogleAuthorizationCodeFlowInitializer(AuthUrl, TokenUrl, RevokeUrl)
        {
            ClientSecrets = new ClientSecrets
            {
                ClientId = _context.OAuthClient?.ClientId ?? string.Empty,
                ClientSecret = _context.OAuthClient?.ClientSecret,
            },
            Scopes = _scopes,
            DataStore = dataStore,
            Clock = new TimeProviderClock(_context.Time),
            HttpClientFactory = new Http.ConnectorHttpClientFactory(_context.HttpHandlerFactory, _context.ConnectorId),

            // Google.Apis would otherwise retry token POSTs on 503 on its own schedule; the back-off is ours.
            DefaultExponentialBackOffPolicy = ExponentialBackOffPolicy.None,
        };
        return new ConnectorAuthorizationCodeFlow(initializer, _context.Credentials, dataStore, tokenVersion, TranslateRefreshFailureAsync);
    }
}
