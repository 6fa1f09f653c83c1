using Connectors.Mcp.Connectors.Auth;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Core.Errors;
using Microsoft.Extensions.Logging;

namespace Connectors.Mcp.Microsoft.Auth;

/// <summary>
/// One Microsoft connector's access token: read from the encrypted store on every call, refreshed
/// <see cref="CredentialRefreshCoordinator.ExpirySkew"/> ahead of expiry (or after a 401) through Core's refresh
/// protocol (<see cref="IConnectorCredentials.RefreshAsync"/>: one refresh in flight per connector across threads and
/// processes, the rotated refresh token saved with a version check before the new access token is used). A dead grant
/// (<c>invalid_grant</c>, e.g. AADSTS700082 or AADSTS50173) keeps the row and puts the connector in <c>needs_reauth</c>.
/// The protocol itself is the toolkit's <see cref="RefreshingAccessToken"/>, shared with Zoom; this binds it to the
/// identity platform's token endpoint (<see cref="MicrosoftTokenClient"/>).
/// </summary>
internal sealed class MicrosoftAuthorization
{
    private readonly RefreshingAccessToken _token;

    public MicrosoftAuthorization(ConnectorContext context, string displayName, IReadOnlyList<string> scopes, HttpClient http, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tokens = new MicrosoftTokenClient(http, MicrosoftEndpoints.TokenUrl(context.Settings), scopes, context.Time);
        _token = new RefreshingAccessToken(context, displayName, new RefreshingTokenProvider("Microsoft", MicrosoftOAuthProvider.ProviderKey, tokens.RefreshAsync), logger);
    }

    /// <summary>A usable access token, refreshed first when it expires soon.</summary>
    public Task<string> GetAccessTokenAsync(CancellationToken cancellationToken) => _token.GetAsync(cancellationToken);

    /// <summary>After a 401 for <paramref name="rejected"/>: a newer stored token, or a forced refresh.</summary>
    public Task<string> RefreshAfterRejectionAsync(string rejected, CancellationToken cancellationToken) =>
        _token.RenewAfterRejectionAsync(rejected, cancellationToken);

    /// <summary>Marks the connector <c>needs_reauth</c> (keeping its row) and returns the error telling the user to reconnect.</summary>
    public Task<ReconnectRequiredException> ReconnectRequiredAsync(string reason, Exception? inner) => _token.ReconnectRequiredAsync(reason, inner);
}
