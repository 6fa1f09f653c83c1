using Connectors.Mcp.Connectors.Auth;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Core.Errors;
using Microsoft.Extensions.Logging;

namespace Connectors.Mcp.Zoom.Auth;

/// <summary>
/// A user-OAuth Zoom connector's access token: read from the encrypted store on every call, refreshed
/// <see cref="CredentialRefreshCoordinator.ExpirySkew"/> ahead of expiry (or after a 401) through Core's refresh protocol
/// (<see cref="IConnectorCredentials.RefreshAsync"/>: one refresh in flight per connector across threads and processes).
/// Zoom kills the old refresh token the moment it issues a new one, so the rotated token is saved with a version check
/// BEFORE the new access token is used; if that save never happens (a crash), the next refresh sends the dead token,
/// Zoom answers <c>invalid_grant</c>, and the connector goes to <c>needs_reauth</c> once — it never loops.
/// The protocol itself is the toolkit's <see cref="RefreshingAccessToken"/>, shared with Microsoft; this binds it to
/// Zoom's token endpoint (<see cref="ZoomTokenClient"/>).
/// </summary>
internal sealed class ZoomUserAuthorization : IZoomAccessToken
{
    private readonly RefreshingAccessToken _token;

    public ZoomUserAuthorization(ConnectorContext context, string displayName, ZoomTokenClient tokens, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        _token = new RefreshingAccessToken(context, displayName, new RefreshingTokenProvider("Zoom", ZoomOAuthProvider.ProviderKey, tokens.RefreshAsync), logger);
    }

    public Task<string> GetAsync(CancellationToken cancellationToken) => _token.GetAsync(cancellationToken);

    public Task<string> RenewAfterRejectionAsync(string rejected, CancellationToken cancellationToken) => _token.RenewAfterRejectionAsync(rejected, cancellationToken);

    public async Task<ConnectorException> RejectedAsync(string reason, Exception? inner) => await _token.ReconnectRequiredAsync(reason, inner).ConfigureAwait(false);
}
