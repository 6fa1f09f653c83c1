using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Core.Errors;

namespace Connectors.Mcp.Zoom.Auth;

/// <summary>
/// A Server-to-Server OAuth Zoom connector's access token: the <c>account_credentials</c> grant with the connector's
/// app (<see cref="IConnectorCredentials.GetServerAppAsync"/>), no refresh token, one-hour tokens cached by
/// <see cref="ZoomServerTokenCache"/>. A rejected app is an operator's fix (new credentials), not a user's reconnect.
/// </summary>
internal sealed class ZoomServerAuthorization(ConnectorContext context, string displayName, ServerAppCredentials app, ZoomTokenClient tokens, ZoomServerTokenCache cache)
    : IZoomAccessToken
{
    public Task<string> GetAsync(CancellationToken cancellationToken) => FetchAsync(null, cancellationToken);

    public Task<string> RenewAfterRejectionAsync(string rejected, CancellationToken cancellationToken) => FetchAsync(rejected, cancellationToken);

    public Task<ConnectorException> RejectedAsync(string reason, Exception? inner) =>
        Task.FromResult<ConnectorException>(new AuthenticationFailedException(
            $"{Subject} uses a Server-to-Server OAuth app whose token Zoom refuses: {reason} Check the app's scopes and activation in the Zoom App Marketplace, or set its credentials again.",
            inner));

    private string Subject => $"The {displayName} connector '{context.ConnectorName}' (id {context.ConnectorId})";

    private async Task<string> FetchAsync(string? rejected, CancellationToken cancellationToken)
    {
        try
        {
            return await cache.GetAsync(context.ConnectorId, app, context.Time, rejected, ct => tokens.AccountCredentialsAsync(app, ct), cancellationToken).ConfigureAwait(false);
        }
        catch (TokenRefreshException ex) when (ex.Failure == TokenRefreshFailure.Unavailable)
        {
            throw new AuthenticationFailedException($"{ex.Message.TrimEnd('.')}; {Subject} could not get a Server-to-Server access token.", ex, TimeSpan.FromSeconds(5));
        }
        catch (TokenRefreshException ex)
        {
            throw new AuthenticationFailedException(
                $"{Subject} could not get a Server-to-Server access token: {ex.Message} Check the account id, client id and secret of its Server-to-Server OAuth app.", ex);
        }
    }
}
