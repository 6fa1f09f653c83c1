using Microsoft.AspNetCore.Http;

namespace Connectors.Mcp.Sandbox.Google.OAuth;

/// <summary>
/// <c>GET /o/oauth2/v2/auth</c>: Google's consent screen, answered without a browser. Checks the request as Google does
/// (known client, <c>response_type=code</c>, an absolute redirect URI, scopes, a well-formed PKCE challenge) and shows
/// an error page otherwise; then redirects to <c>redirect_uri</c> with a one-time <c>code</c>, the granted <c>scope</c>
/// and the caller's <c>state</c> — or with <c>error=access_denied</c> when the simulated person declines. The code
/// remembers the redirect URI, PKCE challenge, scopes and <c>access_type</c> for <see cref="TokenEndpoint"/>.
/// </summary>
internal sealed class AuthorizeEndpoint(AuthorizationCodeRegistry codes, FakeConsent consent, string clientId)
{
    public async Task HandleAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var redirectUri = query["redirect_uri"].ToString();
        if (!string.Equals(query["client_id"].ToString(), clientId, StringComparison.Ordinal))
        {
            await ErrorPageAsync(context, 401, "invalid_client", "The OAuth client was not found.");
            return;
        }

        if (!Uri.TryCreate(redirectUri, UriKind.Absolute, out var redirect)
            || (redirect.Scheme != Uri.UriSchemeHttp && redirect.Scheme != Uri.UriSchemeHttps)
            || redirect.Fragment.Length > 0)
        {
            await ErrorPageAsync(context, 400, "invalid_request", "Invalid parameter value for redirect_uri: an absolute http(s) URI without a fragment is required.");
            return;
        }

        if (query["response_type"].ToString() != "code")
        {
            await ErrorPageAsync(context, 400, "unsupported_response_type", "response_type must be code.");
            return;
        }

        var scopes = query["scope"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (scopes.Length == 0)
        {
            await ErrorPageAsync(context, 400, "invalid_request", "Missing required parameter: scope");
            return;
        }

        var challenge = query["code_challenge"].ToString();
        var method = query["code_challenge_method"].ToString() is { Length: > 0 } m ? m : "plain";
        if (challenge.Length > 0 && (method is not ("S256" or "plain") || !PkceCheck.IsWellFormedVerifier(challenge)))
        {
            await ErrorPageAsync(context, 400, "invalid_request", "Invalid code_challenge or code_challenge_method.");
            return;
        }

        var state = query["state"].ToString();
        if (consent.Deny)
        {
            context.Response.Redirect(Append(redirectUri, redirect, [new("error", "access_denied"), .. StateParameter(state)]));
            return;
        }

        var withheld = consent.WithheldScopes;
        var granted = scopes.Where(s => !withheld.Contains(s, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
        var code = codes.Issue(new IssuedAuthorizationCode(
            clientId,
            redirectUri,
            granted,
            challenge.Length > 0 ? challenge : null,
            method,
            Offline: query["access_type"].ToString() == "offline",
            codes.NewExpiry()));
        context.Response.Redirect(Append(redirectUri, redirect, [new("code", code), new("scope", string.Join(' ', granted)), .. StateParameter(state)]));
    }

    private static IEnumerable<KeyValuePair<string, string>> StateParameter(string state) =>
        state.Length > 0 ? [new("state", state)] : [];

    private static string Append(string redirectUri, Uri redirect, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var separator = string.IsNullOrEmpty(redirect.Query) ? "?" : "&";
        return redirectUri + separator + string.Join('&', parameters.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
    }

    /// <summary>Google shows an error page (it never redirects to an unverified redirect URI).</summary>
    private static async Task ErrorPageAsync(HttpContext context, int status, string error, string description)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=UTF-8";
        await context.Response.WriteAsync(
            $"<!DOCTYPE html><title>Error {status}: {error}</title><p>Error {status}: {error}</p><p>{System.Net.WebUtility.HtmlEncode(description)}</p>",
            context.RequestAborted);
    }
}
