using System.Buffers.Text;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Connectors.Mcp.Sandbox.Zoom;

/// <summary>
/// Zoom's OAuth endpoints on <c>zoom.us</c>: <c>GET /oauth/authorize</c> (consent without a page: a 302 back with the
/// code and the state; a <c>code_challenge</c> must use S256), <c>POST /oauth/token</c> (client authentication by HTTP
/// Basic only; <c>authorization_code</c> held to the redirect URI and the PKCE verifier, <c>refresh_token</c> which
/// always rotates, <c>account_credentials</c> for the Server-to-Server app) and <c>POST /oauth/revoke</c>. Errors are
/// Zoom's <c>{"reason","error"}</c>.
/// </summary>
internal sealed class ZoomOAuthEndpoints(ZoomTokenRegistry tokens, FakeZoomLedger ledger, FakeZoomServerOptions options, Func<Uri> root)
{
    private const int MaxFormBytes = 16 * 1024;

    /// <summary>How long the token endpoint takes to answer (real time); settable while running.</summary>
    public TimeSpan TokenResponseDelay { get; set; } = options.TokenResponseDelay;

    /// <summary>How long a successful token answer waits after the grant was processed (a refresh token already rotated).</summary>
    public TimeSpan AnswerDelayAfterGrant { get; set; }

    public async Task AuthorizeAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var redirect = query["redirect_uri"].ToString();
        if (!HttpMethods.IsGet(context.Request.Method) || query["client_id"] != options.ClientId
            || !Uri.TryCreate(redirect, UriKind.Absolute, out var redirectUri) || redirectUri.Scheme is not ("http" or "https"))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync("Invalid client_id or redirect_uri (error code 4,700).", context.RequestAborted);
            return;
        }

        var separator = redirect.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        var state = Uri.EscapeDataString(query["state"].ToString());
        var challenge = query["code_challenge"].ToString();
        if (query["response_type"] != "code"
            || (challenge.Length > 0 && query["code_challenge_method"] != "S256")
            || challenge.Length > 128)
        {
            context.Response.Redirect($"{redirect}{separator}error=invalid_request&state={state}");
            return;
        }

        var code = tokens.IssueCode(options.ClientId, redirect, challenge.Length > 0 ? challenge : null);
        context.Response.Redirect($"{redirect}{separator}code={Uri.EscapeDataString(code)}&state={state}");
    }

    public async Task TokenAsync(HttpContext context)
    {
        if (await ReadFormAsync(context) is not { } form)
        {
            return;
        }

        var grantType = form["grant_type"].ToString();
        ledger.RecordGrant(grantType is "authorization_code" or "refresh_token" or "account_credentials" ? grantType : "other");
        if (!await ZoomJson.DelayAsync(context, TokenResponseDelay))
        {
            return;
        }

        if (ledger.TakeTokenFailure() is { } failure)
        {
            await ZoomJson.OAuthErrorAsync(context, failure, failure == StatusCodes.Status429TooManyRequests ? "too_many_requests" : "server_error",
                "Injected failure before the grant was processed.");
            return;
        }

        var client = Client(context.Request);
        if (client is null)
        {
            await ZoomJson.OAuthErrorAsync(context, StatusCodes.Status401Unauthorized, "invalid_client", "Invalid client_id or client_secret");
            return;
        }

        var s2s = client == options.S2SClientId;
        switch (grantType)
        {
            case "authorization_code" when !s2s:
                await AuthorizationCodeAsync(context, form);
                return;
            case "refresh_token" when !s2s:
                if (tokens.Rotate(form["refresh_token"].ToString()) is not { } rotated)
                {
                    await ZoomJson.OAuthErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_grant", "Invalid Token!");
                    return;
                }

                await IssuedAsync(context, rotated.AccessToken, rotated.ExpiresAt, rotated.RefreshToken, options.UserScope);
                return;
            case "account_credentials" when s2s:
                if (form["account_id"] != options.S2SAccountId)
                {
                    await ZoomJson.OAuthErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_request", "Invalid account_id");
                    return;
                }

                var (access, expiresAt) = tokens.IssueServerToServer();
                await IssuedAsync(context, access, expiresAt, refreshToken: null, options.S2SScope);
                return;
            default:
                await ZoomJson.OAuthErrorAsync(context, StatusCodes.Status400BadRequest, "unsupported_grant_type", "Unsupported grant type");
                return;
        }
    }

    public async Task RevokeAsync(HttpContext context)
    {
        if (await ReadFormAsync(context) is not { } form)
        {
            return;
        }

        if (Client(context.Request) is null)
        {
            await ZoomJson.OAuthErrorAsync(context, StatusCodes.Status401Unauthorized, "invalid_client", "Invalid client_id or client_secret");
            return;
        }

        if (!tokens.Revoke(form["token"].ToString()))
        {
            await ZoomJson.OAuthErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_request", "Invalid Token!");
            return;
        }

        await ZoomJson.WriteAsync(context, new JsonObject { ["status"] = "success" });
    }

    private async Task AuthorizationCodeAsync(HttpContext context, IFormCollection form)
    {
        var code = tokens.Redeem(form["code"].ToString());
        if (code is null || code.ClientId != options.ClientId)
        {
            await ZoomJson.OAuthErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_grant", "Invalid authorization code");
            return;
        }

        if (code.RedirectUri != form["redirect_uri"].ToString())
        {
            await ZoomJson.OAuthErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_grant", "Redirect URI mismatch.");
            return;
        }

        if (code.CodeChallenge is { } challenge && !ChallengeMatches(form["code_verifier"].ToString(), challenge))
        {
            await ZoomJson.OAuthErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_grant", "Invalid code_verifier");
            return;
        }

        var grant = tokens.IssueUserGrant();
        await IssuedAsync(context, grant.AccessToken, grant.ExpiresAt, grant.RefreshToken, options.UserScope);
    }

    /// <summary>
    /// A token response, unless a lost response is armed: then the tokens stay issued (a refresh token has rotated) and
    /// the connection drops with no answer — the lockout case of rotating refresh tokens.
    /// </summary>
    private async Task IssuedAsync(HttpContext context, string accessToken, DateTimeOffset expiresAt, string? refreshToken, string scope)
    {
        if (ledger.TakeLostTokenResponse())
        {
            context.Abort();
            return;
        }

        // The tokens exist (a used refresh token is dead) before the answer leaves: a client that dies meanwhile never learns them.
        if (!await ZoomJson.DelayAsync(context, AnswerDelayAfterGrant))
        {
            return;
        }

        var body = new JsonObject
        {
            ["access_token"] = accessToken,
            ["token_type"] = "bearer",
        };
        if (refreshToken is not null)
        {
            body["refresh_token"] = refreshToken;
        }

        body["expires_in"] = (long)Math.Round((expiresAt - options.Time.GetUtcNow()).TotalSeconds);
        body["scope"] = scope;
        body["api_url"] = root().ToString().TrimEnd('/');
        await ZoomJson.WriteAsync(context, body);
    }

    /// <summary>The form of a POST, or null once a 400 is written (not a form, or larger than 16 KiB).</summary>
    private static async Task<IFormCollection?> ReadFormAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method) || !request.HasFormContentType || request.ContentLength is null or > MaxFormBytes)
        {
            await ZoomJson.OAuthErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_request",
                "The request must be a form POST (application/x-www-form-urlencoded) of at most 16 KiB.");
            return null;
        }

        return await request.ReadFormAsync(context.RequestAborted);
    }

    /// <summary>The client the Basic credentials authenticate (the General app's or the S2S app's id), or null.</summary>
    private string? Client(HttpRequest request)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) || header.Parameter is not { Length: <= 1024 } encoded)
        {
            return null;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
        }
        catch (FormatException)
        {
            return null;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return null;
        }

        var (id, secret) = (decoded[..colon], decoded[(colon + 1)..]);
        return (id == options.ClientId && FixedEquals(secret, options.ClientSecret)) || (id == options.S2SClientId && FixedEquals(secret, options.S2SClientSecret))
            ? id
            : null;
    }

    private static bool FixedEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    private static bool ChallengeMatches(string verifier, string challenge) =>
        verifier.Length is >= 43 and <= 128
        && FixedEquals(Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))), challenge);
}
