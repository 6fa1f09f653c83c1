using Microsoft.AspNetCore.Http;

namespace Connectors.Mcp.Sandbox.Google.OAuth;

/// <summary>
/// <c>GET /o/oauth2/v2/auth</c>: the consent screen, auto-approved. Redirects to <c>redirect_uri</c> with a one-time
/// <c>code</c> (and the caller's <c>state</c>) that <see cref="TokenEndpoint"/> exchanges for tokens.
/// </summary>
internal sealed class AuthorizeEndpoint(OAuthTokenRegistry tokens, string clientId)
{
    public async Task HandleAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var redirectUri = query["redirect_uri"].ToString();
        if (!string.Equals(query["client_id"].ToString(), clientId, StringComparison.Ordinal))
        {
            context.Response.StatusCode = 401;
            await context.Response.WriteAsync("Error 401: invalid_client. The OAuth client was not found.", context.RequestAborted);
            return;
        }

        if (query["response_type"].ToString() != "code"
            || !Uri.TryCreate(redirectUri, UriKind.Absolute, out var redirect)
            || (redirect.Scheme != Uri.UriSchemeHttp && redirect.Scheme != Uri.UriSchemeHttps))
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsync("Error 400: invalid_request. response_type=code and an absolute redirect_uri are required.", context.RequestAborted);
            return;
        }

        var code = tokens.CreateCode(redirectUri);
        var separator = string.IsNullOrEmpty(redirect.Query) ? "?" : "&";
        var location = $"{redirectUri}{separator}code={Uri.EscapeDataString(code)}&scope={Uri.EscapeDataString(tokens.Scope)}";
        if (query["state"].ToString() is { Length: > 0 } state)
        {
            location += $"&state={Uri.EscapeDataString(state)}";
        }

        context.Response.Redirect(location);
    }
}
