using Connectors.Mcp.Core.Credentials;
using Google.Apis.Auth.OAuth2.Responses;
using Google.Apis.Util.Store;
using Microsoft.Extensions.Logging;

namespace Connectors.Mcp.Google.Auth;

/// <summary>
/// The <see cref="IDataStore"/> Google's authorization code flow persists refreshed tokens through, backed by the
/// connector's encrypted credential row. During a refresh under the lease (<see cref="Attempt"/> set by
/// <see cref="ConnectorAuthorizationCodeFlow"/>) a store is the version-checked save of that attempt, and the flow calls
/// it before it hands the new token to the credential — so a rotated refresh token is committed before the new access
/// token is used. It refuses to delete: the flow deletes the token on any non-5xx token error (<c>invalid_grant</c>
/// included), but the product keeps the row and moves the connector to <c>needs_reauth</c> instead (see
/// <see cref="GoogleConnectorAuthorization"/>), so a person can see what happened and reconnect.
/// </summary>
internal sealed class ConnectorCredentialDataStore(IConnectorCredentials credentials, TimeProvider time, ILogger logger) : IDataStore
{
    /// <summary>The refresh in flight through this store's flow (one at a time: the coordinator's per-connector turn).</summary>
    public TokenRefreshAttempt? Attempt { get; set; }

    public async Task StoreAsync<T>(string key, T value)
    {
        if (value is not TokenResponse token)
        {
            throw new NotSupportedException($"This data store only holds OAuth tokens, not {typeof(T).Name}.");
        }

        var tokens = GoogleTokenConversion.ToOAuthTokens(token);
        if (Attempt is { } attempt)
        {
            // Throws TokenRefreshException (superseded) when newer tokens were stored meanwhile.
            await attempt.SaveAsync(tokens, CancellationToken.None).ConfigureAwait(false);
            logger.LogDebug("Stored refreshed OAuth tokens for {Key} (version {Version}).", key, attempt.Saved?.Version);
            return;
        }

        await credentials.SaveAsync(tokens, CancellationToken.None).ConfigureAwait(false);
        logger.LogDebug("Stored OAuth tokens for {Key}.", key);
    }

    public Task DeleteAsync<T>(string key)
    {
        // Deliberately kept: see the class remarks.
        logger.LogDebug("Google's auth flow asked to delete the tokens of {Key}; the row is kept.", key);
        return Task.CompletedTask;
    }

    public async Task<T> GetAsync<T>(string key)
    {
        if (typeof(T) != typeof(TokenResponse))
        {
            return default!;
        }

        var tokens = await credentials.GetAsync(CancellationToken.None).ConfigureAwait(false);
        return tokens is null ? default! : (T)(object)GoogleTokenConversion.ToTokenResponse(tokens, time.GetUtcNow());
    }

    public Task ClearAsync() => Task.CompletedTask;
}
