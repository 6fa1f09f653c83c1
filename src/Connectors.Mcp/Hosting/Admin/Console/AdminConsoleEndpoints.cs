using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Connectors.Mcp.Hosting.Admin.Console;

/// <summary>
/// The browser console at <c>/admin</c>: <c>index.html</c> and the files under <c>/admin/assets/</c>, embedded in the
/// executable (no CDN, no disk). Every response carries the console's security headers (<see cref="ConsoleSecurityHeaders"/>).
/// The page and its files are public (<c>AllowAnonymous</c>): they hold no data; everything they show comes from the
/// authenticated admin API. The console itself talks only to <c>/admin/login</c>, <c>/admin/logout</c> and <c>/admin/api/**</c>.
/// </summary>
public static class AdminConsoleEndpoints
{
    public const string ConsolePath = "/admin";
    public const string AssetsPath = "/admin/assets";

    public static IEndpointRouteBuilder MapAdminConsole(this IEndpointRouteBuilder endpoints)
    {
        var assets = ConsoleAssets.Load();
        // GET and HEAD (a HEAD is answered like the GET without the body, headers included — not 405).
        string[] methods = [HttpMethods.Get, HttpMethods.Head];
        // Routing matches /admin/ too; the page's links are absolute, so both work.
        endpoints.MapMethods(ConsolePath, methods, (HttpContext context) => Serve(context, assets.Find(ConsoleAssets.IndexFile))).AllowAnonymous();
        endpoints.MapMethods(AssetsPath + "/{file}", methods, (HttpContext context, string file) => Serve(context, assets.Find(file))).AllowAnonymous();
        // Deeper paths name no file either; they get the same headers and 404.
        endpoints.MapMethods(AssetsPath + "/{**rest}", methods, (HttpContext context) => Serve(context, null)).AllowAnonymous();
        return endpoints;
    }

    private static IResult Serve(HttpContext context, ConsoleAsset? asset)
    {
        ConsoleSecurityHeaders.Apply(context.Response);
        if (asset is null)
        {
            return Results.Json(
                new { error = new { code = "not_found", message = "No such console file. Open /admin." } },
                statusCode: StatusCodes.Status404NotFound);
        }

        return Results.Bytes(asset.Content, asset.ContentType);
    }
}
