using System.Net;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Google.Http;
using Google.Apis.Auth.OAuth2;
using Google.Apis.Auth.OAuth2.Flows;
using Google.Apis.Auth.OAuth2.Responses;
using Google.Apis.Http;

namespace Connectors.Mcp.Google.Auth;

/// <summary>
/// Revokes a Google grant for <c>connector disconnect</c> with Google.Apis' own revocation request
/// (<c>GoogleAuthorizationCodeFlow.RevokeTokenAsync</c>: <c>POST revoke_url?token=…</c>), at the connector's
/// <c>revoke_url</c> setting (default <c>https://oauth2.googleapis.com/revoke</c>). It sends the refresh token when there
/// is one, which revokes the whole grant. The host's HTTP client factory redacts query strings from its logs.
/// </summary>
internal sealed class GoogleTokenRevoker(IHttpMessageHandlerFactory handlers) : ITokenRevoker
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    public string Provider => GoogleEndpointDefaults.Provider;

    public async Task RevokeAsync(ConnectorSettings settings, OAuthTokens tokens, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(tokens);
        var initializer = new GoogleAuthorizationCodeFlowInitializer(
            settings.GetUri(ConnectorSettings.AuthUrl, GoogleEndpointDefaults.AuthUrl),
            settings.GetUri(ConnectorSettings.TokenUrl, GoogleEndpointDefaults.TokenUrl),
            settings.GetUri(ConnectorSettings.RevokeUrl, GoogleEndpointDefaults.RevokeUrl))
        {
            // Revocation needs no client credentials; the flow only insists on the object.
            ClientSecrets = new ClientSecrets { ClientId = string.Empty },
            HttpClientFactory = new ConnectorHttpClientFactory(() => handlers.CreateHandler(Provider)),
            DefaultExponentialBackOffPolicy = ExponentialBackOffPolicy.None,
        };
        using var flow = new GoogleAuthorizationCodeFlow(initializer);
        flow.HttpClient.Timeout = Timeout;
        try
        {
            await flow.RevokeTokenAsync("connector", tokens.RefreshToken ?? tokens.AccessToken, cancellationToken).ConfigureAwait(false);
        }
        catch (TokenResponseException ex) when (ex.Error?.Error == "invalid_token")
        {
            // Google's answer for a token that is already expired or revoked: no live grant is left to revoke.
        }
        catch (TokenResponseException ex)
        {
            var status = (int)(ex.StatusCode ?? 0);
            throw new ProviderException($"Google did not revoke the grant (HTTP {status}, {ex.Error?.Error ?? "no error code"}).", status, ex);
        }
        catch (HttpRequestException ex)
        {
            throw new ProviderException($"Google's revocation endpoint could not be reached ({ex.HttpRequestError}).", null, ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ProviderException($"Google's revocation endpoint did not answer within {Timeout.TotalSeconds:0} s.", null, ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && ex is not ConnectorException)
        {
            // E.g. an error page that is not Google's JSON error body.
            throw new ProviderException($"Google's revocation endpoint answered with an error the client could not read ({ex.GetType().Name}).", null, ex);
        }
    }
}
