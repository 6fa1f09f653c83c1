using Microsoft.AspNetCore.Http;

namespace Connectors.Mcp.Hosting.Admin.Console;

/// <summary>
/// The headers on every console response: a strict Content-Security-Policy (only this server's own scripts, styles and
/// connections; no inline script or style, no framing, no form posts elsewhere), no MIME sniffing, no referrer, no caching.
/// </summary>
public static class ConsoleSecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static void Apply(HttpResponse response)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
        headers.CacheControl = "no-store";
    }
}
