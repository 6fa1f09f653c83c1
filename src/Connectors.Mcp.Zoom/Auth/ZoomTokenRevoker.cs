using System.Net.Http.Headers;
using System.Text;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Core.Storage;

namespace Connectors.Mcp.Zoom.Auth;

/// <summary>
/// <c>connector disconnect</c> for Zoom: <c>POST /oauth/revoke</c> (form <c>token=…</c>, client by HTTP Basic) with the
/// refresh token, which ends the grant. Needs the configured Zoom OAuth client; without one it refuses, and the local
/// tokens are deleted anyway by the caller.
/// </summary>
internal sealed class ZoomTokenRevoker(IHttpMessageHandlerFactory handlers, ICredentialStore store) : ITokenRevoker
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    public string Provider => ZoomOAuthProvider.ProviderKey;

    public async Task RevokeAsync(ConnectorSettings settings, OAuthTokens tokens, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(tokens);
        var client = await store.GetOAuthClientAsync(Provider, cancellationToken).ConfigureAwait(false)
            ?? throw new ProviderException("No Zoom OAuth client is configured, so the grant could not be revoked at Zoom.");
        using var http = new HttpClient(handlers.CreateHandler(Provider), disposeHandler: true) { Timeout = Timeout };
        using var request = new HttpRequestMessage(HttpMethod.Post, ZoomEndpoints.Revoke(settings))
        {
            Content = new FormUrlEncodedContent([new("token", tokens.RefreshToken ?? tokens.AccessToken)]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{client.ClientId}:{client.ClientSecret}")));
        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new ProviderException($"Zoom did not revoke the grant (HTTP {(int)response.StatusCode}).", (int)response.StatusCode);
            }
        }
        catch (HttpRequestException ex)
        {
            throw new ProviderException($"Zoom's revocation endpoint could not be reached ({ex.HttpRequestError}).", null, ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ProviderException($"Zoom's revocation endpoint did not answer within {Timeout.TotalSeconds:0} s.", null, ex);
        }
    }
}
