using System.Net;
using Microsoft.AspNetCore.Http;

namespace Connectors.Mcp.OAuth;

/// <summary>
/// The small page the browser shows at the end of a connect flow (loopback or server callback): plain HTML, no
/// scripts and no external resources, not cached, and no Referer — the address bar still holds the spent code.
/// </summary>
internal static class OAuthResultPage
{
    public static async Task WriteAsync(HttpContext context, int status, string title, string message)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers["X-Content-Type-Options"] = "nosniff";
        response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
        await response.WriteAsync(Render(title, message), CancellationToken.None);
    }

    public static string Render(string title, string message) =>
        $$"""
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{{WebUtility.HtmlEncode(title)}} · connectors-mcp</title>
        <style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;line-height:1.5;color:#222}h1{font-size:1.4rem}</style></head>
        <body><h1>{{WebUtility.HtmlEncode(title)}}</h1><p>{{WebUtility.HtmlEncode(message)}}</p></body>
        </html>
        """;
}
