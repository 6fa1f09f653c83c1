using System.Net;
using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Core.Errors;
using Google.Apis.Auth.OAuth2.Flows;
using Google.Apis.Auth.OAuth2.Responses;

namespace Connectors.Mcp.Google.Auth;

/// <summary>
/// Google's authorization code flow for one connector, with its refresh run under the product's refresh protocol:
/// <see cref="IAuthorizationCodeFlow.RefreshTokenAsync"/> (what <c>UserCredential</c> calls, ahead of expiry or after a
/// 401) goes through <see cref="IConnectorCredentials.RefreshAsync"/>, so exactly one refresh per connector is in flight
/// across threads and processes. Only the lease holder runs Google.Apis' own refresh (<c>base.RefreshTokenAsync</c>:
/// the token request, then the data store's version-checked save); every other caller gets the tokens it stored.
/// </summary>
/// <remarks>
/// <c>AuthorizationCodeFlow.RefreshTokenAsync</c> implements the interface without being virtual, so this class
/// re-implements <see cref="IAuthorizationCodeFlow"/> (listing it again) and wraps the base method.
/// </remarks>
internal sealed class ConnectorAuthorizationCodeFlow : GoogleAuthorizationCodeFlow, IAuthorizationCodeFlow
{
    private readonly IConnectorCredentials _credentials;
    private readonly ConnectorCredentialDataStore _dataStore;
    private readonly Func<TokenRefreshException, Task<ConnectorException>> _translate;
    private long _tokenVersion;

    public ConnectorAuthorizationCodeFlow(
        Initializer initializer,
        IConnectorCredentials credentials,
        ConnectorCredentialDataStore dataStore,
        long tokenVersion,
        Func<TokenRefreshException, Task<ConnectorException>> translate)
        : base(WithDataStore(initializer, dataStore))
    {
        _credentials = credentials;
        _dataStore = dataStore;
        _tokenVersion = tokenVersion;
        _translate = translate;
    }

    /// <summary>The stored version of the tokens the credential holds; a refresh starts from it.</summary>
    public long TokenVersion
    {
        get => Interlocked.Read(ref _tokenVersion);
        set => Interlocked.Exchange(ref _tokenVersion, value);
    }

    async Task<TokenResponse> IAuthorizationCodeFlow.RefreshTokenAsync(string userId, string refreshToken, CancellationToken taskCancellationToken)
    {
        StoredCredential refreshed;
        try
        {
            refreshed = await _credentials.RefreshAsync(TokenVersion, (attempt, ct) => RefreshUnderLeaseAsync(userId, attempt, ct), taskCancellationToken)
                .ConfigureAwait(false);
        }
        catch (TokenRefreshException ex)
        {
            throw await _translate(ex).ConfigureAwait(false);
        }

        TokenVersion = refreshed.Version;
        return GoogleTokenConversion.ToTokenResponse(refreshed.Tokens, new DateTimeOffset(Clock.UtcNow, TimeSpan.Zero));
    }

    /// <summary>Google.Apis' refresh: one token request with the stored refresh token, then the data store's save.</summary>
    private async Task RefreshUnderLeaseAsync(string userId, TokenRefreshAttempt attempt, CancellationToken cancellationToken)
    {
        var refreshToken = attempt.Current.RefreshToken
            ?? throw new TokenRefreshException(TokenRefreshFailure.NotConnected, "its access token has expired and it has no refresh token.");
        _dataStore.Attempt = attempt;
        try
        {
            await base.RefreshTokenAsync(userId, refreshToken, cancellationToken).ConfigureAwait(false);
        }
        catch (TokenResponseException ex)
        {
            throw Classify(ex);
        }
        catch (HttpRequestException ex)
        {
            throw new TokenRefreshException(TokenRefreshFailure.Unavailable, $"Google's token endpoint could not be reached ({ex.HttpRequestError}).", inner: ex);
        }
        finally
        {
            _dataStore.Attempt = null;
        }
    }

    /// <summary>invalid_grant is a dead grant; 5xx and 429 mean the endpoint is unavailable (back off); the rest are refusals.</summary>
    internal static TokenRefreshException Classify(TokenResponseException exception)
    {
        var error = exception.Error?.Error ?? "unknown_error";
        var status = (int)(exception.StatusCode ?? 0);
        if (error == "invalid_grant")
        {
            return new TokenRefreshException(TokenRefreshFailure.GrantRevoked, "Google rejected its refresh token (invalid_grant).", inner: exception);
        }

        if (status >= 500 || exception.StatusCode == HttpStatusCode.TooManyRequests)
        {
            return new TokenRefreshException(TokenRefreshFailure.Unavailable, $"Google's token endpoint is unavailable (HTTP {status}).", inner: exception);
        }

        return new TokenRefreshException(TokenRefreshFailure.Rejected, $"Google's token endpoint refused the refresh ({error}).", inner: exception);
    }

    private static Initializer WithDataStore(Initializer initializer, ConnectorCredentialDataStore dataStore)
    {
        initializer.DataStore = dataStore;
        return initializer;
    }
}
