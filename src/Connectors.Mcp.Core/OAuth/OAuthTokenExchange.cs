using System.Net.Http.Headers;
using System.Text.Json;
using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Core.Instructions;

namespace Connectors.Mcp.Core.OAuth;

/// <summary>
/// The token request of the authorization code grant (RFC 6749 §4.1.3 with RFC 7636's <c>code_verifier</c>): a form
/// POST with the client authenticated by <c>client_id</c> / <c>client_secret</c> in the body, as Google documents it, or
/// by HTTP Basic when the provider asks for it (<see cref="IOAuthProvider.UsesBasicClientAuthentication"/>, Zoom).
/// Failures become <see cref="OAuthConnectException"/>s that name the provider's error code, never a secret.
/// </summary>
internal sealed class OAuthTokenExchange(IHttpClientFactory httpClients, TimeProvider time)
{
    /// <summary>How long the token endpoint may take to answer.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    private const int MaxResponseCharacters = 64 * 1024;

    public async Task<OAuthTokenResponse> ExchangeCodeAsync(
        IOAuthProvider provider,
        Uri tokenEndpoint,
        OAuthClientCredentials client,
        string code,
        string redirectUri,
        string codeVerifier,
        CancellationToken cancellationToken)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("grant_type", "authorization_code"),
            new("code", code),
            new("redirect_uri", redirectUri),
            new("code_verifier", codeVerifier),
        };
        if (!provider.UsesBasicClientAuthentication)
        {
            form.Add(new("client_id", client.ClientId));
            if (client.ClientSecret is { } secret)
            {
                form.Add(new("client_secret", secret));
            }
        }

        string[] secrets = [code, codeVerifier, client.ClientSecret ?? ""];
        using var request = new HttpRequestMessage(HttpMethod.Post, tokenEndpoint) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (provider.UsesBasicClientAuthentication)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{client.ClientId}:{client.ClientSecret}")));
        }

        using var timeout = new CancellationTokenSource(RequestTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);

        int status;
        string body;
        try
        {
            var http = httpClients.CreateClient(provider.Provider);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
            status = (int)response.StatusCode;
            body = await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
        }
        catch (HttpRequestException exception)
        {
            throw Unavailable(provider, tokenEndpoint, $"could not be reached ({exception.HttpRequestError})", exception);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unavailable(provider, tokenEndpoint, $"did not answer within {RequestTimeout.TotalSeconds:0} s", exception);
        }

        if (body.Length > MaxResponseCharacters)
        {
            body = "";
        }

        return status is >= 200 and < 300
            ? Parse(provider, body)
            : throw Refused(provider, tokenEndpoint, status, body, secrets);
    }

    private static OAuthTokenResponse Parse(IOAuthProvider provider, string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            var accessToken = root.ValueKind == JsonValueKind.Object ? String(root, "access_token") : null;
            if (string.IsNullOrEmpty(accessToken))
            {
                throw InvalidResponse(provider, "it has no access_token", null);
            }

            return new OAuthTokenResponse(
                accessToken,
                String(root, "refresh_token"),
                ExpiresIn(root),
                String(root, "scope"),
                String(root, "token_type") ?? "Bearer",
                String(root, "id_token"));
        }
        catch (JsonException exception)
        {
            throw InvalidResponse(provider, "it is not JSON", exception);
        }
    }

    private static OAuthConnectException Refused(IOAuthProvider provider, Uri tokenEndpoint, int status, string body, string[] secrets)
    {
        string? code = null;
        string? error = null;
        string? description = null;
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object)
            {
                code = String(json.RootElement, "error");
                error = ProviderText.Clean(code, secrets);
                description = ProviderText.Clean(String(json.RootElement, "error_description"), secrets);
            }
        }
        catch (JsonException)
        {
            // Not an RFC 6749 error body (a proxy's HTML page, say): the status code says enough.
        }

        var detail = description is null ? error : $"{error}: {description}";
        switch (code)
        {
            case "invalid_grant":
                return new OAuthConnectException(OAuthConnectError.CodeRejected,
                    $"{provider.DisplayName} rejected the authorization code ({detail}): it expired or was used already, or the redirect URI or PKCE verifier did not match. Nothing was stored.");
            case "invalid_client" or "unauthorized_client":
                return new OAuthConnectException(OAuthConnectError.ClientRejected,
                    $"{provider.DisplayName} rejected the configured OAuth client ({detail}). Nothing was stored. Check the client id and secret from the {provider.DisplayName} console and set them again: " +
                    $"{CliInstructions.OAuthClientSet(provider.Provider)}.");
        }

        if (status >= 500 || status == 429)
        {
            return Unavailable(provider, tokenEndpoint, $"answered HTTP {status}{(detail is null ? "" : $" ({detail})")}", null);
        }

        return new OAuthConnectException(OAuthConnectError.TokenExchangeFailed,
            $"{provider.DisplayName}'s token endpoint refused the code exchange (HTTP {status}{(detail is null ? "" : $", {detail}")}). Nothing was stored.");
    }

    private static OAuthConnectException Unavailable(IOAuthProvider provider, Uri tokenEndpoint, string what, Exception? inner) =>
        new(OAuthConnectError.TokenEndpointUnavailable,
            $"{provider.DisplayName}'s token endpoint ({tokenEndpoint.GetLeftPart(UriPartial.Path)}) {what}; nothing was stored. Try again in a moment.", inner);

    private static OAuthConnectException InvalidResponse(IOAuthProvider provider, string why, Exception? inner) =>
        new(OAuthConnectError.InvalidTokenResponse, $"{provider.DisplayName}'s token endpoint answered the code exchange with a response that is not a token response ({why}). Nothing was stored.", inner);

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary><c>expires_in</c> as RFC 6749 says (a number), or as some providers send it (a numeric string).</summary>
    private static long? ExpiresIn(JsonElement root)
    {
        if (!root.TryGetProperty("expires_in", out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt64(out var seconds) && seconds > 0 => seconds,
            JsonValueKind.String when long.TryParse(value.GetString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0 => seconds,
            _ => null,
        };
    }
}
