using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Connectors.Mcp.Core.Credentials;

namespace Connectors.Mcp.Zoom.Auth;

/// <summary>
/// Zoom's token endpoint (<c>POST /oauth/token</c>, form body, client authenticated by HTTP Basic) for the two grants a
/// connector uses after it was connected: <c>refresh_token</c> (user OAuth; every answer carries a NEW refresh token and
/// the old one is dead at once) and <c>account_credentials</c> (Server-to-Server OAuth; no refresh token). Failures
/// become <see cref="TokenRefreshException"/>s; no message carries a token or a secret. Never retried: a re-sent refresh
/// would spend a rotated token (the resilience pipeline never retries a POST that left).
/// </summary>
internal sealed class ZoomTokenClient(HttpClient http, Uri tokenUrl, TimeProvider time)
{
    private const int MaxResponseCharacters = 64 * 1024;

    public Task<OAuthTokens> RefreshAsync(OAuthClientCredentials client, OAuthTokens current, CancellationToken cancellationToken) =>
        RequestAsync(
            client.ClientId,
            client.ClientSecret ?? "",
            [new("grant_type", "refresh_token"), new("refresh_token", current.RefreshToken ?? "")],
            current,
            cancellationToken);

    public Task<OAuthTokens> AccountCredentialsAsync(ServerAppCredentials credentials, CancellationToken cancellationToken) =>
        RequestAsync(
            credentials.ClientId,
            credentials.ClientSecret,
            [new("grant_type", "account_credentials"), new("account_id", credentials.AccountId)],
            null,
            cancellationToken);

    private async Task<OAuthTokens> RequestAsync(
        string clientId, string clientSecret, List<KeyValuePair<string, string>> form, OAuthTokens? current, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, tokenUrl) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{clientSecret}")));
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
            throw new TokenRefreshException(TokenRefreshFailure.Unavailable, $"Zoom's token endpoint could not be reached ({ex.HttpRequestError}).", null, ex);
        }
        catch (Polly.Timeout.TimeoutRejectedException ex)
        {
            throw new TokenRefreshException(TokenRefreshFailure.Unavailable, "Zoom's token endpoint did not answer in time.", null, ex);
        }

        body = body.Length > MaxResponseCharacters ? "" : body;
        if (status is >= 200 and < 300)
        {
            return Parse(body, current);
        }

        var (error, reason) = ReadError(body);
        var detail = error ?? "no error code";
        var refreshing = current is not null;
        if (error == "invalid_grant" || (refreshing && status is 400 or 401 && error != "invalid_client" && IsTokenReason(reason)))
        {
            throw new TokenRefreshException(
                TokenRefreshFailure.GrantRevoked,
                $"Zoom rejected its refresh token ({detail}: the app was removed, the grant expired, or the token was already used).");
        }

        if (status >= 500 || status == 429)
        {
            throw new TokenRefreshException(TokenRefreshFailure.Unavailable, $"Zoom's token endpoint answered HTTP {status} ({detail}).");
        }

        throw new TokenRefreshException(TokenRefreshFailure.Rejected, $"Zoom's token endpoint refused the {(refreshing ? "refresh" : "account_credentials grant")} (HTTP {status}, {detail}).");
    }

    private OAuthTokens Parse(string body, OAuthTokens? current)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            var access = root.ValueKind == JsonValueKind.Object ? Text(root, "access_token") : null;
            if (string.IsNullOrEmpty(access))
            {
                throw new TokenRefreshException(TokenRefreshFailure.Rejected, "Zoom's token endpoint answered without an access token.");
            }

            DateTimeOffset? expiresAt = root.TryGetProperty("expires_in", out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var seconds) && seconds > 0
                ? time.GetUtcNow().AddSeconds(seconds)
                : null;
            return new OAuthTokens(
                access,
                Text(root, "refresh_token") ?? current?.RefreshToken,
                expiresAt,
                Text(root, "scope") ?? current?.Scope,
                "Bearer");
        }
        catch (JsonException ex)
        {
            throw new TokenRefreshException(TokenRefreshFailure.Rejected, "Zoom's token endpoint answered with a body that is not JSON.", null, ex);
        }
    }

    /// <summary>Zoom's error body: <c>{"reason":"Invalid Token!","error":"invalid_grant"}</c>.</summary>
    private static (string? Error, string? Reason) ReadError(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object
                ? (Short(Text(json.RootElement, "error")), Text(json.RootElement, "reason"))
                : (null, null);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static bool IsTokenReason(string? reason) => reason is not null && reason.Contains("token", StringComparison.OrdinalIgnoreCase);

    /// <summary>An OAuth error code is a short word; anything else is not repeated.</summary>
    private static string? Short(string? code) =>
        code is { Length: > 0 and <= 40 } && code.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? code : null;

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
