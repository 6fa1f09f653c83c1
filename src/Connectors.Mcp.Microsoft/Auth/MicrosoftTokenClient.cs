using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Connectors.Mcp.Core.Credentials;

namespace Connectors.Mcp.Microsoft.Auth;

/// <summary>
/// The identity platform's refresh_token grant (<c>POST {tenant}/oauth2/v2.0/token</c>). Microsoft rotates refresh
/// tokens: the response's refresh token replaces the stored one (the old one is kept only when none is returned).
/// Failures become <see cref="TokenRefreshException"/>s for Core's refresh protocol; no message carries a token.
/// </summary>
internal sealed class MicrosoftTokenClient(HttpClient http, Uri tokenUrl, IReadOnlyList<string> scopes, TimeProvider time)
{
    private const int MaxResponseCharacters = 64 * 1024;

    public async Task<OAuthTokens> RefreshAsync(OAuthClientCredentials client, OAuthTokens current, CancellationToken cancellationToken)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("grant_type", "refresh_token"),
            new("refresh_token", current.RefreshToken ?? ""),
            new("client_id", client.ClientId),
            new("scope", string.Join(' ', scopes)),
        };
        if (client.ClientSecret is { } secret)
        {
            form.Add(new("client_secret", secret));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, tokenUrl) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        int status;
        string body;
        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            status = (int)response.StatusCode;
            body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new TokenRefreshException(TokenRefreshFailure.Unavailable, $"Microsoft's token endpoint could not be reached ({ex.HttpRequestError}).", null, ex);
        }

        body = body.Length > MaxResponseCharacters ? "" : body;
        if (status is >= 200 and < 300)
        {
            return Parse(body, current);
        }

        var (error, description) = ReadError(body);
        var detail = $"{error ?? "no error code"}{AadstsCode(description)}";
        if (error == "invalid_grant")
        {
            throw new TokenRefreshException(TokenRefreshFailure.GrantRevoked, $"Microsoft rejected its refresh token ({detail}: the grant was revoked, has expired or needs new consent).");
        }

        if (status >= 500 || status == 429)
        {
            throw new TokenRefreshException(TokenRefreshFailure.Unavailable, $"Microsoft's token endpoint answered HTTP {status} ({detail}).");
        }

        throw new TokenRefreshException(TokenRefreshFailure.Rejected, $"Microsoft's token endpoint refused the refresh (HTTP {status}, {detail}).");
    }

    private OAuthTokens Parse(string body, OAuthTokens current)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            var access = Text(root, "access_token");
            if (string.IsNullOrEmpty(access))
            {
                throw new TokenRefreshException(TokenRefreshFailure.Rejected, "Microsoft's token endpoint answered without an access token.");
            }

            DateTimeOffset? expiresAt = root.TryGetProperty("expires_in", out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var seconds)
                ? time.GetUtcNow().AddSeconds(seconds)
                : null;
            return new OAuthTokens(access, Text(root, "refresh_token") ?? current.RefreshToken, expiresAt, Text(root, "scope") ?? current.Scope, Text(root, "token_type") ?? "Bearer");
        }
        catch (JsonException ex)
        {
            throw new TokenRefreshException(TokenRefreshFailure.Rejected, "Microsoft's token endpoint answered with a body that is not JSON.", null, ex);
        }
    }

    private static (string? Error, string? Description) ReadError(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object
                ? (Text(json.RootElement, "error"), Text(json.RootElement, "error_description"))
                : (null, null);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    /// <summary>Only the <c>AADSTS…</c> code of a description (the rest may echo request details).</summary>
    private static string AadstsCode(string? description)
    {
        if (description is null || !description.StartsWith("AADSTS", StringComparison.Ordinal))
        {
            return "";
        }

        var end = 6;
        while (end < description.Length && end < 14 && char.IsAsciiDigit(description[end]))
        {
            end++;
        }

        return end > 6 ? ", " + description[..end].ToString(CultureInfo.InvariantCulture) : "";
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
