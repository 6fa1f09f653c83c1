using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Errors;
using Google.Apis.Auth.OAuth2;
using Google.Apis.Auth.OAuth2.Flows;
using Google.Apis.Auth.OAuth2.Responses;
using Google.Apis.Http;
using Microsoft.Extensions.Logging;

namespace Connectors.Mcp.Google.Auth;

/// <summary>
/// One Google connector's OAuth state: a <see cref="UserCredential"/> over a <see cref="GoogleAuthorizationCodeFlow"/>
/// whose token endpoint comes from settings, which refreshes through the connector's encrypted credential row. Turns
/// token-endpoint failures into the product's errors; a dead grant (<c>invalid_grant</c>) keeps the row and puts the
/// connector in <c>needs_reauth</c>.
/// </summary>
internal sealed class GoogleConnectorAuthorization
{
    private static readonly TimeSpan ExpirySkew = TimeSpan.FromMinutes(5);

    private readonly ConnectorContext _context;
    private readonly string _displayName;
    private readonly IReadOnlyList<string> _scopes;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private UserCredential? _credential;

    public GoogleConnectorAuthorization(ConnectorContext context, string displayName, IReadOnlyList<string> scopes, ILogger logger)
    {
        _context = context;
        _displayName = displayName;
        _scopes = scopes;
        _logger = logger;
        TokenUrl = context.Settings.GetUri(ConnectorSettings.TokenUrl, GoogleEndpointDefaults.TokenUrl);
        AuthUrl = context.Settings.GetUri(ConnectorSettings.AuthUrl, GoogleEndpointDefaults.AuthUrl);
    }

    public Uri TokenUrl { get; }

    public Uri AuthUrl { get; }

    /// <summary>
    /// The credential, with the stored tokens. Reloads them on every call so a token set by the CLI (or refreshed by
    /// another process) since the last call is used.
    /// </summary>
    public async Task<UserCredential> GetCredentialAsync(CancellationToken cancellationToken)
    {
        var stored = await _context.Credentials.GetAsync(cancellationToken).ConfigureAwait(false);
        if (stored is null || string.IsNullOrEmpty(stored.AccessToken))
        {
            throw await ReconnectRequiredAsync("it has no stored OAuth token.", null).ConfigureAwait(false);
        }

        var now = _context.Time.GetUtcNow();
        if (_context.OAuthClient is null && stored.IsExpired(now, ExpirySkew))
        {
            throw new AuthenticationFailedException(ReconnectInstructions.ConfigureClient(
                "google", $"The {_displayName} connector '{_context.ConnectorName}' has an expired access token and no Google OAuth client is configured to refresh it."));
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_credential is null)
            {
                _credential = new UserCredential(CreateFlow(), UserId, GoogleTokenConversion.ToTokenResponse(stored, now));
            }
            else if (!string.Equals(_credential.Token.AccessToken, stored.AccessToken, StringComparison.Ordinal))
            {
                _credential.Token = GoogleTokenConversion.ToTokenResponse(stored, now);
            }

            return _credential;
        }
        finally
        {
            _gate.Release();
        }
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
                    ReconnectInstructions.ConfigureClient("google", $"Google's token endpoint rejected the configured OAuth client ({error})."), exception);
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

    private GoogleAuthorizationCodeFlow CreateFlow()
    {
        var revokeUrl = new Uri(GoogleEndpointDefaults.RevokeUrl);
        var initializer = new GoogleAuthorizationCodeFlowInitializer(AuthUrl, TokenUrl, revokeUrl)
        {
            ClientSecrets = new ClientSecrets
            {
                ClientId = _context.OAuthClient?.ClientId ?? string.Empty,
                ClientSecret = _context.OAuthClient?.ClientSecret,
            },
            Scopes = _scopes,
            DataStore = new ConnectorCredentialDataStore(_context.Credentials, _context.Time, _logger),
            Clock = new TimeProviderClock(_context.Time),
            HttpClientFactory = new Http.ConnectorHttpClientFactory(_context.HttpHandlerFactory),

            // Google.Apis would otherwise retry token POSTs on 503 on its own schedule.
            DefaultExponentialBackOffPolicy = ExponentialBackOffPolicy.None,
        };
        return new GoogleAuthorizationCodeFlow(initializer);
    }
}
