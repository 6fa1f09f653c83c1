using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Connectors.Mcp.Sandbox.Google.OAuth;

/// <summary>
/// <c>POST /token</c> as Google's OAuth 2.0 token endpoint answers it: form-encoded requests, client authentication by
/// form fields or HTTP Basic, <c>refresh_token</c> and <c>authorization_code</c> grants, RFC 6749 JSON errors
/// (<c>invalid_client</c> 401, <c>invalid_grant</c> 400, …). Optionally rotates refresh tokens and answers slowly.
/// </summary>
internal sealed class TokenEndpoint(OAuthTokenRegistry tokens, AuthorizationCodeGrant codeGrant, string clientId, string clientSecret)
{
    /// <summary>Each refresh answers with a new refresh token and kills the one it was given.</summary>
    public bool RotateRefreshTokens { get; init; }

    public TimeSpan ResponseDelay { get; init; } = TimeSpan.Zero;

    public async Task HandleAsync(HttpContext context)
    {
        if (ResponseDelay > TimeSpan.Zero)
        {
            await Task.Delay(ResponseDelay, context.RequestAborted);
        }

        context.Response.Headers.CacheControl = "no-cache, no-store, max-age=0, must-revalidate";
        context.Response.Headers.Pragma = "no-cache";
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            await ErrorAsync(context, 405, "invalid_request", "The token endpoint only accepts POST.");
            return;
        }

        if (!context.Request.HasFormContentType)
        {
            await ErrorAsync(context, 400, "invalid_request", "Content-Type must be application/x-www-form-urlencoded.");
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var (id, secret) = ClientCredentials(context, form);
        if (!string.Equals(id, clientId, StringComparison.Ordinal) || !string.Equals(secret, clientSecret, StringComparison.Ordinal))
        {
            await ErrorAsync(context, 401, "invalid_client", "The OAuth client was not found.");
            return;
        }

        var grantType = form["grant_type"].ToString();
        switch (grantType)
        {
            case "refresh_token":
                var refreshToken = form["refresh_token"].ToString();
                var rotated = RotateRefreshTokens ? tokens.Rotate(refreshToken) : null;
                if ((RotateRefreshTokens && rotated is null) || tokens.IssueAccessToken(rotated ?? refreshToken) is not { } issued)
                {
                    await ErrorAsync(context, 400, "invalid_grant", "Token has been expired or revoked.");
                    return;
                }

                await GoogleJsonResponses.WriteAsync(context, TokenJson(issued.AccessToken, issued.Lifetime, rotated));
                return;
            case "authorization_code":
                await codeGrant.HandleAsync(context, form, id!);
                return;
            default:
                await ErrorAsync(context, 400, "unsupported_grant_type", $"Invalid grant_type: {grantType}");
                return;
        }
    }

    private JsonObject TokenJson(string accessToken, TimeSpan lifetime, string? refreshToken)
    {
        var json = new JsonObject
        {
            ["access_token"] = accessToken,
            ["expires_in"] = (long)lifetime.TotalSeconds,
            ["scope"] = tokens.Scope,
            ["token_type"] = "Bearer",
        };
        if (refreshToken is not null)
        {
            json["refresh_token"] = refreshToken;
        }

        return json;
    }

    private static (string? Id, string? Secret) ClientCredentials(HttpContext context, IFormCollection form)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
                var colon = pair.IndexOf(':');
                if (colon > 0)
                {
                    return (Uri.UnescapeDataString(pair[..colon]), Uri.UnescapeDataString(pair[(colon + 1)..]));
                }
            }
            catch (FormatException)
            {
                return (null, null);
            }
        }

        return (form["client_id"].ToString(), form["client_secret"].ToString());
    }

    private static Task ErrorAsync(HttpContext context, int status, string error, string description) =>
        GoogleJsonResponses.WriteAsync(context, new JsonObject { ["error"] = error, ["error_description"] = description }, status);
}
