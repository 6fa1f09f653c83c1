using Microsoft.AspNetCore.Http;

namespace Connectors.Mcp.Hosting;

/// <summary>
/// Collapses repeated slashes in the request path before routing (<c>//admin//api/x</c> → <c>/admin/api/x</c>), as most
/// web servers do, so every spelling of a path reaches the one endpoint it names and that endpoint's access rule —
/// instead of routing to nothing. (Letter case, trailing slashes and percent-encoded letters are routing's and Kestrel's
/// business already: routing matches case-insensitively, Kestrel decodes the path.)
/// </summary>
public sealed class RepeatedSlashMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value;
        if (path is not null && path.Contains("//", StringComparison.Ordinal))
        {
            var collapsed = new System.Text.StringBuilder(path.Length);
            foreach (var c in path)
            {
                if (c != '/' || collapsed.Length == 0 || collapsed[^1] != '/')
                {
                    collapsed.Append(c);
                }
            }

            context.Request.Path = new PathString(collapsed.ToString());
        }

        return next(context);
    }
}
