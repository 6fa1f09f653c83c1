using System.Net;
using Google.Apis.Auth.OAuth2;
using Google.Apis.Auth.OAuth2.Flows;
using Google.Apis.Auth.OAuth2.Responses;
using Google.Apis.Http;

namespace Connectors.Mcp.Google.Auth;

/// <summary>
/// Google.Apis' <see cref="UserCredential"/> with one change: an upstream 401 causes at most one forced refresh and one
/// retry per request. Stock <see cref="UserCredential"/> refreshes on every 401 the message handler lets it see (the
/// handler tries a request up to three times), so a token the API keeps rejecting would cost a token request per try;
/// here the second 401 is returned as is, and the connector reports it (reconnect required), without another token request.
/// </summary>
/// <remarks>
/// <see cref="UserCredential.HandleResponseAsync"/> is not virtual, so this class re-implements
/// <see cref="IHttpUnsuccessfulResponseHandler"/> (the handler calls it through the interface).
/// </remarks>
internal sealed class ConnectorUserCredential(IAuthorizationCodeFlow flow, string userId, TokenResponse token)
    : UserCredential(flow, userId, token), IHttpUnsuccessfulResponseHandler
{
    private static readonly HttpRequestOptionsKey<bool> RefreshedAfter401 = new("connectors-mcp.refreshed-after-401");

    async Task<bool> IHttpUnsuccessfulResponseHandler.HandleResponseAsync(HandleUnsuccessfulResponseArgs args)
    {
        if (args.Response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return false;
        }

        // The same HttpRequestMessage is sent again on a retry, so the mark survives to the second 401.
        if (args.Request.Options.TryGetValue(RefreshedAfter401, out var refreshed) && refreshed)
        {
            return false;
        }

        args.Request.Options.Set(RefreshedAfter401, true);

        // Another call of this credential refreshed since this request was sent: retry once with the new token.
        if (!string.Equals(Token.AccessToken, Flow.AccessMethod.GetAccessToken(args.Request), StringComparison.Ordinal))
        {
            return true;
        }

        // Forced refresh through the flow (lease, version check); false when there is no refresh token.
        return await RefreshTokenAsync(args.CancellationToken).ConfigureAwait(false);
    }
}
