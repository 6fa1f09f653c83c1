using Connectors.Mcp.Microsoft.Auth;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;

namespace Connectors.Mcp.Microsoft.Graph;

/// <summary>
/// Puts the connector's current access token on each Graph request (read through <see cref="MicrosoftAuthorization"/>,
/// so it is refreshed first when it expires soon) — only on requests to the configured <c>api_base_url</c> host.
/// Remembers the token it sent last, for the refresh after a 401.
/// </summary>
internal sealed class GraphAuthentication(MicrosoftAuthorization authorization, Uri baseUri) : IAuthenticationProvider
{
    public string? LastToken { get; private set; }

    public async Task AuthenticateRequestAsync(RequestInformation request, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.URI;
        if (uri.Scheme != baseUri.Scheme || !string.Equals(uri.Host, baseUri.Host, StringComparison.OrdinalIgnoreCase) || uri.Port != baseUri.Port)
        {
            throw new InvalidOperationException("A Graph request outside api_base_url was about to be sent; no token was attached.");
        }

        LastToken = await authorization.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Remove("Authorization");
        request.Headers.Add("Authorization", "Bearer " + LastToken);
    }
}
