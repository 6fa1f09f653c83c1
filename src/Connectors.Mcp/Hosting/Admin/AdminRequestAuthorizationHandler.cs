using System.Security.Cryptography;
using System.Text;
using Connectors.Mcp.Hosting.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace Connectors.Mcp.Hosting.Admin;

/// <summary>
/// Decides <see cref="AdminRequestRequirement"/>: satisfied only for a caller the admin scheme authenticated. A bearer
/// request carries no ambient credential, so it needs nothing more. A cookie-authenticated POST/PUT/PATCH/DELETE also
/// needs this server's own Origin (403 <c>forbidden</c>) and the session's <c>X-CSRF-Token</c> (403 <c>csrf</c>).
/// </summary>
public sealed class AdminRequestAuthorizationHandler(HostAllowList allowList) : AuthorizationHandler<AdminRequestRequirement>
{
    public const string CsrfHeader = "X-CSRF-Token";

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, AdminRequestRequirement requirement)
    {
        if (context.Resource is not HttpContext http
            || http.Features.Get<AdminCaller>() is not { } caller
            || !context.User.Identities.Any(i => i.IsAuthenticated && i.AuthenticationType == EdgeAuthorization.AdminScheme))
        {
            return Task.CompletedTask;
        }

        if (caller.Session is { } session && !IsSafeMethod(http.Request.Method))
        {
            if (!AdminOrigin.IsOwn(http.Request, allowList))
            {
                context.Fail(new AdminRefusal(this, "forbidden",
                    "A signed-in browser request that changes something must come from this server's own page (Origin header missing or foreign)."));
                return Task.CompletedTask;
            }

            if (!CsrfMatches(http.Request.Headers[CsrfHeader].ToString(), session.CsrfToken))
            {
                context.Fail(new AdminRefusal(this, "csrf", $"Missing or wrong {CsrfHeader} header: send the csrf_token from GET /admin/api/session."));
                return Task.CompletedTask;
            }
        }

        context.Succeed(requirement);
        return Task.CompletedTask;
    }

    private static bool IsSafeMethod(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);

    private static bool CsrfMatches(string presented, string expected) =>
        presented.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));
}
