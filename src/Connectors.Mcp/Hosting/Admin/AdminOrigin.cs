using Microsoft.AspNetCore.Http;

namespace Connectors.Mcp.Hosting.Admin;

/// <summary>
/// The Origin rule of cookie-authenticated writes and sign-in: the browser's Origin header must be present and be this
/// server's own origin — an allow-listed host with the same host and port the request was sent to. Another page on the
/// same host (another port) is same-site, so SameSite=Strict alone would still send it the cookie.
/// </summary>
public static class AdminOrigin
{
    public static bool IsOwn(HttpRequest request, HostAllowList allowList)
    {
        var origin = request.Headers.Origin.ToString();
        if (string.IsNullOrEmpty(origin) || request.Headers.Origin.Count != 1 || !allowList.IsAllowedOrigin(origin))
        {
            return false;
        }

        return Uri.TryCreate(origin, UriKind.Absolute, out var originUri)
            && originUri.AbsolutePath == "/"
            && Uri.TryCreate($"{originUri.Scheme}://{request.Host.Value}", UriKind.Absolute, out var requestUri)
            && string.Equals(originUri.Authority, requestUri.Authority, StringComparison.OrdinalIgnoreCase);
    }
}
