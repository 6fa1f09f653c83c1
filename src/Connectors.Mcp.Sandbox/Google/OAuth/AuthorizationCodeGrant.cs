using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Connectors.Mcp.Sandbox.Google.OAuth;

/// <summary>
/// <c>grant_type=authorization_code</c> at the fake token endpoint, held to what the code was issued for, as Google
/// does: the code once (any presentation spends it) and unexpired, the same client, the identical <c>redirect_uri</c>
/// (<c>redirect_uri_mismatch</c> otherwise), and with PKCE the <c>code_verifier</c> whose challenge was sent
/// (<c>invalid_grant</c> otherwise). Issues a refresh token only for <c>access_type=offline</c>, and an
/// <c>id_token</c> (unsigned stand-in) when <c>openid</c> was granted.
/// </summary>
internal sealed class AuthorizationCodeGrant(AuthorizationCodeRegistry codes, OAuthTokenRegistry tokens, TimeProvider time, string userAddress)
{
    public async Task HandleAsync(HttpContext context, IFormCollection form, string clientId)
    {
        var issued = codes.Redeem(form["code"].ToString());
        if (issued is null)
        {
            await ErrorAsync(context, "invalid_grant", "Malformed auth code.");
            return;
        }

        if (!string.Equals(issued.ClientId, clientId, StringComparison.Ordinal))
        {
            await ErrorAsync(context, "invalid_grant", "The authorization code was issued to another client.");
            return;
        }

        if (!string.Equals(issued.RedirectUri, form["redirect_uri"].ToString(), StringComparison.Ordinal))
        {
            await ErrorAsync(context, "redirect_uri_mismatch", "Bad Request");
            return;
        }

        if (issued.CodeChallenge is { } challenge)
        {
            var verifier = form["code_verifier"].ToString();
            if (verifier.Length == 0)
            {
                await ErrorAsync(context, "invalid_grant", "Missing code verifier.");
                return;
            }

            if (!PkceCheck.IsWellFormedVerifier(verifier) || !PkceCheck.Matches(verifier, challenge, issued.CodeChallengeMethod))
            {
                await ErrorAsync(context, "invalid_grant", "Invalid code verifier.");
                return;
            }
        }

        var refreshToken = tokens.MintRefreshToken();
        var (accessToken, lifetime) = tokens.IssueAccessToken(refreshToken)!.Value;
        var json = new JsonObject
        {
            ["access_token"] = accessToken,
            ["expires_in"] = (long)lifetime.TotalSeconds,
            ["scope"] = string.Join(' ', issued.Scopes),
            ["token_type"] = "Bearer",
        };
        if (issued.Offline)
        {
            json["refresh_token"] = refreshToken;
        }

        if (issued.Scopes.Contains("openid"))
        {
            json["id_token"] = IdToken(clientId, issued.Scopes.Contains("email"));
        }

        await GoogleJsonResponses.WriteAsync(context, json);
    }

    /// <summary>A JWT-shaped <c>id_token</c> with Google's claims; its signature is a placeholder (clients must not trust it for access).</summary>
    private string IdToken(string clientId, bool withEmail)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var claims = new JsonObject
        {
            ["iss"] = "https://accounts.google.com",
            ["azp"] = clientId,
            ["aud"] = clientId,
            ["sub"] = "100000000000000000001",
            ["iat"] = now,
            ["exp"] = now + 3600,
        };
        if (withEmail)
        {
            claims["email"] = userAddress;
            claims["email_verified"] = true;
        }

        return $"{Segment(new JsonObject { ["alg"] = "RS256", ["kid"] = "sandbox", ["typ"] = "JWT" })}.{Segment(claims)}.{Base64Url.EncodeToString("sandbox-unsigned"u8)}";
    }

    private static string Segment(JsonObject json) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(json));

    private static Task ErrorAsync(HttpContext context, string error, string description) =>
        GoogleJsonResponses.WriteAsync(context, new JsonObject { ["error"] = error, ["error_description"] = description }, StatusCodes.Status400BadRequest);
}
