using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Connectors.Mcp.Sandbox.Google.OAuth;

/// <summary>
/// <c>POST /revoke</c> as Google's revocation endpoint answers it: the token in the query string or a form body; a
/// refresh token, or an access token (whose refresh token goes with it), kills the whole grant — 200 with <c>{}</c>;
/// an unknown or already dead token is 400 <c>invalid_token</c>.
/// </summary>
internal sealed class RevokeEndpoint(OAuthTokenRegistry tokens)
{
    public async Task HandleAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            await GoogleJsonResponses.WriteAsync(context, Error("invalid_request", "The revocation endpoint only accepts POST."), 405);
            return;
        }

        var token = context.Request.Query["token"].ToString();
        if (token.Length == 0 && context.Request.HasFormContentType)
        {
            token = (await context.Request.ReadFormAsync(context.RequestAborted))["token"].ToString();
        }

        if (token.Length == 0)
        {
            await GoogleJsonResponses.WriteAsync(context, Error("invalid_request", "Missing required parameter: token"), 400);
            return;
        }

        if (!tokens.RevokeAny(token))
        {
            await GoogleJsonResponses.WriteAsync(context, Error("invalid_token", "Token expired or revoked"), 400);
            return;
        }

        await GoogleJsonResponses.WriteAsync(context, new JsonObject());
    }

    private static JsonObject Error(string error, string description) => new() { ["error"] = error, ["error_description"] = description };
}
