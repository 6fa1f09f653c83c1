using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Connectors.Mcp.Sandbox.Microsoft;

/// <summary>
/// The identity platform's v2.0 endpoints under <c>/{tenant}/oauth2/v2.0/</c>: <c>authorize</c> (consent without a
/// browser: redirects back with a code and the state) and <c>token</c> (<c>authorization_code</c> with PKCE S256 and
/// <c>refresh_token</c>, which rotates the refresh token). Errors as Microsoft writes them: RFC 6749 JSON with an
/// <c>AADSTS…</c> code at the start of <c>error_description</c>.
/// </summary>
internal sealed class IdentityPlatformEndpoints(MicrosoftTokenRegistry tokens, string clientId, string clientSecret, string scope)
{
    public async Task AuthorizeAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var redirect = query["redirect_uri"].ToString();
        if (query["client_id"] != clientId || !Uri.TryCreate(redirect, UriKind.Absolute, out _))
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsync("AADSTS700016: Application not found in the directory, or the redirect URI is invalid.", context.RequestAborted);
            return;
        }

        var challenge = query["code_challenge"].ToString();
        var code = tokens.IssueCode(clientId, redirect, challenge.Length > 0 ? challenge : null, query["scope"].ToString());
        var separator = redirect.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        context.Response.Redirect($"{redirect}{separator}code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(query["state"].ToString())}");
    }

    public async Task TokenAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method) || !context.Request.HasFormContentType)
        {
            await ErrorAsync(context, 400, "invalid_request", "AADSTS900144: The request body must be a form POST.");
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (form["client_id"] != clientId || form["client_secret"] != clientSecret)
        {
            await ErrorAsync(context, 401, "invalid_client", "AADSTS7000215: Invalid client secret provided.");
            return;
        }

        switch (form["grant_type"].ToString())
        {
            case "refresh_token":
                var rotated = tokens.Rotate(form["refresh_token"].ToString());
                if (rotated is null || tokens.IssueAccessToken(rotated) is not { } issued)
                {
                    await ErrorAsync(context, 400, "invalid_grant", "AADSTS70000: The provided grant has expired due to it being revoked, or it is invalid.");
                    return;
                }

                await WriteTokensAsync(context, issued.AccessToken, issued.Lifetime, rotated, form["scope"].ToString());
                return;
            case "authorization_code":
                var code = tokens.Redeem(form["code"].ToString());
                if (code is null || code.ClientId != clientId)
                {
                    await ErrorAsync(context, 400, "invalid_grant", "AADSTS70008: The provided authorization code or refresh token has expired or was already redeemed.");
                    return;
                }

                if (code.RedirectUri != form["redirect_uri"].ToString())
                {
                    await ErrorAsync(context, 400, "invalid_grant", "AADSTS50148: The redirect_uri does not match the one in the authorization request.");
                    return;
                }

                if (code.CodeChallenge is { } challenge && Challenge(form["code_verifier"].ToString()) != challenge)
                {
                    await ErrorAsync(context, 400, "invalid_grant", "AADSTS501481: The Code_Verifier does not match the code_challenge supplied in the authorization request.");
                    return;
                }

                var refresh = tokens.MintRefreshToken();
                var access = tokens.IssueAccessToken(refresh)!.Value;
                await WriteTokensAsync(context, access.AccessToken, access.Lifetime, refresh, code.Scope);
                return;
            default:
                await ErrorAsync(context, 400, "unsupported_grant_type", "AADSTS70003: The app requested an unsupported grant type.");
                return;
        }
    }

    private static string Challenge(string verifier) => Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    private Task WriteTokensAsync(HttpContext context, string accessToken, TimeSpan lifetime, string refreshToken, string requestedScope) =>
        GraphJson.WriteAsync(context, new JsonObject
        {
            ["token_type"] = "Bearer",
            ["scope"] = Granted(requestedScope.Length > 0 ? requestedScope : scope),
            ["expires_in"] = (long)lifetime.TotalSeconds,
            ["ext_expires_in"] = (long)lifetime.TotalSeconds,
            ["access_token"] = accessToken,
            ["refresh_token"] = refreshToken,
        });

    /// <summary>
    /// The <c>scope</c> of a token response as the identity platform writes it: the Graph permissions consented to, named
    /// without the <c>https://graph.microsoft.com/</c> resource prefix, and never <c>offline_access</c> (it only asks for
    /// the refresh token). The fake consents to whatever was asked.
    /// </summary>
    private static string Granted(string requested) => string.Join(' ', requested
        .Split(' ', StringSplitOptions.RemoveEmptyEntries)
        .Where(s => !string.Equals(s, "offline_access", StringComparison.OrdinalIgnoreCase))
        .Select(s => s.StartsWith(GraphResource, StringComparison.OrdinalIgnoreCase) ? s[GraphResource.Length..] : s));

    private const string GraphResource = "https://graph.microsoft.com/";

    public static Task ErrorAsync(HttpContext context, int status, string error, string description) =>
        GraphJson.WriteAsync(context, new JsonObject
        {
            ["error"] = error,
            ["error_description"] = $"{description} Trace ID: 00000000-0000-0000-0000-000000000000 Timestamp: 2025-01-01 00:00:00Z",
            ["error_codes"] = new JsonArray(int.Parse(description[6..description.IndexOf(':')], System.Globalization.CultureInfo.InvariantCulture)),
        }, status);
}
