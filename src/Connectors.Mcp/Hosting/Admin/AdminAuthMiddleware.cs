using System.Security.Cryptography;
using System.Text;
using Connectors.Mcp.Core.Storage;
using Microsoft.AspNetCore.Http;

namespace Connectors.Mcp.Hosting.Admin;

/// <summary>
/// Authenticates <c>/admin/api/**</c> and <c>/admin/logout</c> (after <see cref="HttpGuardMiddleware"/>'s Host/Origin
/// check): <c>Authorization: Bearer cma_…</c> (an admin token; a workspace API key is refused), else the
/// <c>cmcp_admin</c> session cookie. A cookie-authenticated POST/PUT/PATCH/DELETE also needs this server's own Origin
/// (403 forbidden) and the session's <c>X-CSRF-Token</c> (403 csrf); a bearer request carries no ambient credential, so
/// it needs neither. The caller is left in the request's features as an <see cref="AdminCaller"/>.
/// </summary>
public sealed class AdminAuthMiddleware(RequestDelegate next, HostAllowList allowList)
{
    public const string CsrfHeader = "X-CSRF-Token";

    public async Task InvokeAsync(HttpContext context, IAdminTokenStore tokens)
    {
        if (!AdminPaths.NeedsAdmin(context.Request.Path))
        {
            await next(context);
            return;
        }

        var header = context.Request.Headers.Authorization.ToString();
        if (header.Length > 0)
        {
            const string prefix = "Bearer ";
            var secret = header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? header[prefix.Length..].Trim() : "";
            var token = await tokens.FindBySecretAsync(secret, context.RequestAborted);
            if (token is null)
            {
                await AdminJson.WriteErrorAsync(context, StatusCodes.Status401Unauthorized, "unauthorized",
                    secret.StartsWith("cmk_", StringComparison.Ordinal)
                        ? "A workspace API key does not open the admin API; send an admin token (create one with `connectors-mcp admin token create`)."
                        : "The admin token is not valid (unknown or revoked). Create one with `connectors-mcp admin token create`.");
                return;
            }

            context.Features.Set(new AdminCaller(token.Id, token.Name, null));
            await next(context);
            return;
        }

        var sessionId = context.Request.Cookies[AdminPaths.SessionCookie];
        var session = sessionId is null ? null : await tokens.FindSessionAsync(sessionId, context.RequestAborted);
        if (session is null)
        {
            await AdminJson.WriteErrorAsync(context, StatusCodes.Status401Unauthorized, "unauthorized",
                sessionId is null
                    ? "Sign in at /admin with an admin token, or send Authorization: Bearer <admin token> (create one with `connectors-mcp admin token create`)."
                    : "The admin session has ended (expired, signed out, or its token was revoked); sign in again at /admin.");
            return;
        }

        if (!IsSafeMethod(context.Request.Method))
        {
            if (!AdminOrigin.IsOwn(context.Request, allowList))
            {
                await AdminJson.WriteErrorAsync(context, StatusCodes.Status403Forbidden, "forbidden",
                    "A signed-in browser request that changes something must come from this server's own page (Origin header missing or foreign).");
                return;
            }

            if (!CsrfMatches(context.Request.Headers[CsrfHeader].ToString(), session.CsrfToken))
            {
                await AdminJson.WriteErrorAsync(context, StatusCodes.Status403Forbidden, "csrf",
                    $"Missing or wrong {CsrfHeader} header: send the csrf_token from GET /admin/api/session.");
                return;
            }
        }

        context.Features.Set(new AdminCaller(session.TokenId, session.TokenName, session));
        await next(context);
    }

    private static bool IsSafeMethod(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);

    private static bool CsrfMatches(string presented, string expected) =>
        presented.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));
}
